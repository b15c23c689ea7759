#include "domain/text.hpp"

#include <cctype>
#include <map>

namespace creneau::domain {

namespace {
// Latin letters with diacritics → their base letter, by code point (Latin-1 Supplement and Latin Extended-A).
char base_letter(char32_t cp) {
  static const std::map<char32_t, char> table = [] {
    std::map<char32_t, char> t;
    auto add = [&](std::u32string_view cps, char base) {
      for (char32_t c : cps) t[c] = base;
    };
    add(U"ÀÁÂÃÄÅàáâãäåĀāĂăĄą", 'a');
    add(U"ÇçĆćĈĉĊċČč", 'c');
    add(U"ĎďĐđ", 'd');
    add(U"ÈÉÊËèéêëĒēĔĕĖėĘęĚě", 'e');
    add(U"ĜĝĞğĠġĢģ", 'g');
    add(U"ĤĥĦħ", 'h');
    add(U"ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", 'i');
    add(U"Ĵĵ", 'j');
    add(U"Ķķ", 'k');
    add(U"ĹĺĻļĽľĿŀŁł", 'l');
    add(U"ÑñŃńŅņŇň", 'n');
    add(U"ÒÓÔÕÖØòóôõöøŌōŎŏŐő", 'o');
    add(U"ŔŕŖŗŘř", 'r');
    add(U"ŚśŜŝŞşŠšß", 's');
    add(U"ŢţŤťŦŧ", 't');
    add(U"ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", 'u');
    add(U"Ŵŵ", 'w');
    add(U"ÝýÿŶŷŸ", 'y');
    add(U"ŹźŻżŽž", 'z');
    return t;
  }();
  auto it = table.find(cp);
  return it == table.end() ? '\0' : it->second;
}
}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    int len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    if (cp == U'Æ' || cp == U'æ') out += "ae";
    else if (cp == U'Œ' || cp == U'œ') out += "oe";
    else if (char b = base_letter(cp)) out.push_back(b);
    else out.append(s.substr(i, static_cast<std::size_t>(len)));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

bool plausible_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at != s.rfind('@')) return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (char c : s)
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' || c == '>') return false;
  return s.size() <= 254;
}

std::optional<std::string> normalize_phone(std::string_view raw, std::string_view country) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '+' && digits.empty() && !plus) plus = true;
    else if (c >= '0' && c <= '9') digits.push_back(c);
    else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '/') continue;
    else return std::nullopt;
  }
  if (!plus && digits.rfind("00", 0) == 0) {  // international prefix written as 00
    plus = true;
    digits.erase(0, 2);
  }
  if (plus) {
    if (digits.size() < 8 || digits.size() > 15) return std::nullopt;
    if (digits.rfind("330", 0) == 0) digits.erase(2, 1);  // "+33 (0)6…" written with the trunk zero
    return "+" + digits;
  }
  // A national number: the trunk "0" gives way to the country code.
  std::string code = country == "FR" ? "33" : country == "BE" ? "32" : country == "CH" ? "41" : country == "GB" ? "44" : "33";
  if (digits.size() < 6 || digits.size() > 14) return std::nullopt;
  if (digits.front() == '0') digits.erase(0, 1);
  if (code == "33" && digits.size() != 9) return std::nullopt;
  return "+" + code + digits;
}

bool hex_color(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (char c : s.substr(1))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

std::string palette_color(std::int64_t id) {
  // Mid-tone colours that each carry black or white text at 4.5:1 and tell apart side by side in the agenda.
  static const char* palette[] = {"#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed",
                                  "#0891b2", "#65a30d", "#dc2626", "#4f46e5", "#ca8a04"};
  constexpr std::int64_t n = sizeof palette / sizeof palette[0];
  return palette[((id - 1) % n + n) % n];
}

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  auto authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority.front() == '[') return authority.substr(1, authority.find(']') - 1);
  return authority.substr(0, authority.find(':'));
}

// A host name usable as the domain of an address; an IP address or nothing gives "localhost".
std::string mail_domain(const std::string& host) {
  bool letters = false;
  for (char c : host) letters = letters || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return letters && host.find(':') == std::string::npos ? host : "localhost";
}

}  // namespace creneau::domain
