# Turns docs/openapi.json into a C++ string compiled into the binary, so GET /api/openapi.json needs no file.
file(READ "${IN}" body)
set(out "// Generated from docs/openapi.json by embed_openapi.cmake. Do not edit.\n#include \"http/api.hpp\"\nnamespace creneau::http {\n")
string(APPEND out "std::string_view openapi_document() {\n  static constexpr std::string_view doc = R\"creneau_openapi(${body})creneau_openapi\";\n  return doc;\n}\n")
string(APPEND out "}  // namespace creneau::http\n")
file(WRITE "${OUT}.tmp" "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
