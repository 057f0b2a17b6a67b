// Runs every TEST of the C++ binding's test files and prints "N passed, N failed".
#include "check.hpp"

int main() { return check::run_all(); }
