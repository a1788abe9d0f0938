// SPDX-License-Identifier: Apache-2.0
#include "table.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <sys/ioctl.h>
#include <unistd.h>

#include "chipgap/common/names.hpp"

namespace chipgap::cli {
namespace {

TableLayout layout;
// What --columns did to this run's tables: whether it applied to one, and the headers of those it did not fit.
struct {
  bool applied = false;
  std::vector<std::string> other_headers;
} use;

// A word longer than this may be broken to let its column narrow (a URL, a long id); shorter ones never are.
constexpr std::size_t kLongestUnbroken = 30;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Display width in terminal columns: UTF-8 continuation bytes take no column.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !continuation(c); }));
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = std::min(text.find(' ', at), text.size());
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

std::size_t longest_word(std::string_view text) {
  std::size_t longest = 0;
  for (auto w : words_of(text)) longest = std::max(longest, display_width(w));
  return longest;
}

// `text` in lines of at most `width` columns, broken at spaces; a word wider than the column is cut (at
// character boundaries).
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  if (width == 0 || display_width(text) <= width) return {text};
  std::vector<std::string> lines{""};
  for (auto word : words_of(text)) {
    while (display_width(word) > width) {
      if (!lines.back().empty()) lines.emplace_back();
      std::size_t bytes = 0;
      for (std::size_t columns = 0; bytes < word.size(); ++bytes) {
        if (!continuation(word[bytes]) && columns++ == width) break;
      }
      lines.back() = std::string(word.substr(0, bytes));
      lines.emplace_back();
      word.remove_prefix(bytes);
    }
    if (word.empty()) continue;
    auto& line = lines.back();
    if (line.empty()) {
      line = std::string(word);
    } else if (display_width(line) + 1 + display_width(word) <= width) {
      line += " " + std::string(word);
    } else {
      lines.emplace_back(word);
    }
  }
  if (lines.size() > 1 && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The column a --columns name picks: its header, case-insensitive, or the one header it begins.
std::optional<std::size_t> resolve(const std::string& name, const std::vector<std::string>& headers) {
  const auto wanted = lower(name);
  std::optional<std::size_t> prefix;
  int prefixes = 0;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto header = lower(headers[i]);
    if (header == wanted) return i;
    if (header.starts_with(wanted)) {
      prefix = i;
      ++prefixes;
    }
  }
  return prefixes == 1 ? prefix : std::nullopt;
}

std::string csv_cell(const std::string& cell) {
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// Column widths that fit `limit`: headers wrap first (a column as wide as its data), then text columns narrow
// together (the widest first) down to their longest unbreakable word; numbers keep their width. Room left
// over goes back to wrapped headers, narrowest need first.
std::vector<std::size_t> fit_widths(const std::vector<std::size_t>& header, const std::vector<std::size_t>& header_word,
                                    const std::vector<std::size_t>& data, const std::vector<std::size_t>& floor,
                                    const std::vector<bool>& narrows, std::size_t limit) {
  const std::size_t n = header.size();
  auto total = [&](const std::vector<std::size_t>& w) { return std::accumulate(w.begin(), w.end(), std::size_t{0}) + 2 * (n - 1); };
  std::vector<std::size_t> widths(n);
  for (std::size_t i = 0; i < n; ++i) widths[i] = std::max(header[i], data[i]);
  if (limit == 0 || total(widths) <= limit) return widths;
  for (std::size_t i = 0; i < n; ++i) widths[i] = std::max(header_word[i], data[i]);
  if (total(widths) > limit) {
    // The largest cap on the text columns that fits, found by bisection over [0, widest].
    auto capped = [&](std::size_t cap) {
      auto w = widths;
      for (std::size_t i = 0; i < n; ++i) {
        if (narrows[i]) w[i] = std::max(floor[i], std::min(w[i], cap));
      }
      return w;
    };
    std::size_t low = 0, high = *std::max_element(widths.begin(), widths.end());
    while (low < high) {
      const std::size_t mid = (low + high + 1) / 2;
      if (total(capped(mid)) <= limit) low = mid; else high = mid - 1;
    }
    widths = capped(low);
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return header[a] - widths[a] < header[b] - widths[b]; });
  for (auto i : order) {
    if (header[i] > widths[i] && total(widths) + header[i] - widths[i] <= limit) widths[i] = header[i];
  }
  return widths;
}

}  // namespace

std::string wrap_prose(const std::string& text) {
  if (layout.width == 0) return text;
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    const bool newline = end < text.size();
    const auto indent = line.find_first_not_of(' ');
    std::size_t hang = indent == std::string::npos ? 0 : indent;
    int gaps = 0;
    for (auto gap = line.find("  ", hang); gap != std::string::npos; gap = line.find("  ", gap)) {
      ++gaps;
      gap = line.find_first_not_of(' ', gap);
      if (gap == std::string::npos) break;
      hang = gap;
    }
    if (display_width(line) <= layout.width || gaps > 1 || indent == std::string::npos) {
      out += line + (newline ? "\n" : "");
      continue;
    }
    // Bullets continue under their text, not their dash.
    if (gaps == 0 && line.compare(hang, 2, "- ") == 0) hang += 2;
    const std::size_t lead = display_width(std::string_view(line).substr(0, hang));
    if (lead + 20 > layout.width) {
      out += line + (newline ? "\n" : "");
      continue;
    }
    const auto lines = wrap(line.substr(hang), layout.width - lead);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      out += (i == 0 ? line.substr(0, hang) : std::string(lead, ' ')) + lines[i];
      if (i + 1 < lines.size() || newline) out += '\n';
    }
  }
  return out;
}

void set_table_layout(TableLayout l) {
  layout = std::move(l);
  use = {};
}

std::string columns_not_applied() {
  if (layout.columns.empty() || use.applied) return "";
  std::string asked;
  for (const auto& name : layout.columns) asked += (asked.empty() ? "'" : ", '") + name + "'";
  if (use.other_headers.empty()) return "--columns " + asked + ": this output has no table";
  auto headers = use.other_headers;
  std::sort(headers.begin(), headers.end());
  headers.erase(std::unique(headers.begin(), headers.end()), headers.end());
  std::string message = "--columns " + asked + ": no table here has all of them (a header, case-insensitive, or a prefix of exactly one); the columns are ";
  for (std::size_t i = 0; i < headers.size(); ++i) message += (i ? ", '" : "'") + headers[i] + "'";
  for (const auto& name : layout.columns) {
    if (resolve(name, use.other_headers)) continue;
    const auto hint = did_you_mean(closest_names(name, headers));
    if (!hint.empty()) message += "; for '" + name + "' " + hint;
  }
  return message;
}

std::size_t terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const long value = std::strtol(columns, &end, 10);
    if (end != columns && *end == '\0' && value >= static_cast<long>(kNarrowestWidth) && value <= static_cast<long>(kWidestWidth)) {
      return static_cast<std::size_t>(value);
    }
  }
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= kNarrowestWidth) return size.ws_col;
  return 120;
}

void Table::add_row(std::vector<std::string> cells) {
  if (cells.size() != columns_.size()) throw std::logic_error("table row has the wrong number of cells");
  rows_.push_back(std::move(cells));
}

std::vector<std::size_t> Table::shown() const {
  std::vector<std::size_t> all(columns_.size());
  std::iota(all.begin(), all.end(), 0);
  if (layout.columns.empty()) return all;
  std::vector<std::string> headers;
  for (const auto& column : columns_) headers.push_back(column.header);
  std::vector<std::size_t> picked;
  for (const auto& name : layout.columns) {
    const auto index = resolve(name, headers);
    if (!index) {
      use.other_headers.insert(use.other_headers.end(), headers.begin(), headers.end());
      return all;
    }
    picked.push_back(*index);
  }
  use.applied = true;
  return picked;
}

std::vector<std::size_t> Table::widths_of(const std::vector<std::size_t>& picked) const {
  const std::size_t n = picked.size();
  std::vector<std::size_t> header(n), header_word(n), data(n, 0), floor(n, 0);
  std::vector<bool> narrows(n);
  for (std::size_t k = 0; k < n; ++k) {
    const auto& column = columns_[picked[k]];
    header[k] = display_width(column.header);
    header_word[k] = longest_word(column.header);
    // Numbers never break; a right-aligned "value (band)" may wrap its band under its value.
    const bool text = column.align == Align::Left;
    for (const auto& row : rows_) {
      data[k] = std::max(data[k], display_width(row[picked[k]]));
      const auto word = longest_word(row[picked[k]]);
      floor[k] = std::max(floor[k], text ? std::min(word, kLongestUnbroken) : word);
    }
    floor[k] = std::max(floor[k], header_word[k]);
    // The first column names the row (a chip, a date): it stays whole so it can be read and copied.
    if (k == 0) floor[k] = data[k];
    narrows[k] = floor[k] < data[k];
  }
  return fit_widths(header, header_word, data, floor, narrows, layout.width);
}

std::string Table::to_text() const {
  auto picked = shown();
  auto widths = widths_of(picked);
  auto total = [&] { return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + 2 * (widths.size() - 1); };
  std::vector<std::string> hidden;
  while (layout.width > 0 && layout.columns.empty() && total() > layout.width) {
    const auto last_optional = std::find_if(picked.rbegin(), picked.rend(), [&](auto i) { return columns_[i].optional; });
    if (last_optional == picked.rend()) break;
    hidden.insert(hidden.begin(), columns_[*last_optional].header);
    picked.erase(std::next(last_optional).base());
    widths = widths_of(picked);
  }
  const std::size_t n = picked.size();

  auto render = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> wrapped;
    std::size_t height = 1;
    for (std::size_t k = 0; k < n; ++k) {
      wrapped.push_back(wrap(cells[k], widths[k]));
      height = std::max(height, wrapped.back().size());
    }
    std::string out;
    for (std::size_t line_index = 0; line_index < height; ++line_index) {
      std::string line;
      for (std::size_t k = 0; k < n; ++k) {
        const std::string& text = line_index < wrapped[k].size() ? wrapped[k][line_index] : std::string();
        const std::string padding(widths[k] - std::min(widths[k], display_width(text)), ' ');
        line += columns_[picked[k]].align == Align::Right ? padding + text : text + padding;
        if (k + 1 < n) line += "  ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
    }
    return out;
  };
  std::vector<std::string> headers;
  for (auto i : picked) headers.push_back(columns_[i].header);
  std::string out = render(headers);
  std::vector<std::string> rules;
  for (std::size_t width : widths) rules.emplace_back(width, '-');
  out += render(rules);
  for (const auto& row : rows_) {
    std::vector<std::string> cells;
    for (auto i : picked) cells.push_back(row[i]);
    out += render(cells);
  }
  if (!hidden.empty()) {
    std::string names;
    for (std::size_t i = 0; i < hidden.size(); ++i) names += (i ? ", " : "") + hidden[i];
    out += "(Not shown, to fit " + std::to_string(layout.width) + " columns: " + names +
           "; --width 0, a wider terminal, --columns or --format csv show them.)\n";
  }
  return out;
}

std::string Table::to_csv() const {
  const auto picked = shown();
  auto render = [&](auto cell_of) {
    std::string line;
    for (std::size_t k = 0; k < picked.size(); ++k) {
      if (k > 0) line += ',';
      line += csv_cell(cell_of(picked[k]));
    }
    return line + '\n';
  };
  std::string out = render([&](std::size_t i) { return columns_[i].header; });
  for (const auto& row : rows_) out += render([&](std::size_t i) { return row[i]; });
  return out;
}

}  // namespace chipgap::cli
