// A C++ program that knows the library only through find_package(SpacesWidgetEvents).
#include <spaces_widget_events.hpp>

#include <iostream>

int main() {
  auto event = swe::parse(R"({"resource":"messages","event":"created","data":{"text":"hi"}})");
  auto message = event.message();
  std::cout << "c++ consumer: " << event.name() << ' ' << message->text.value_or("-") << '\n';
  return message->text == "hi" ? 0 : 1;
}
