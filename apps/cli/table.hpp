// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace chipgap::cli {

enum class Align { Left, Right };

// How every table of this run is laid out, set once from the command line (--width, --columns).
struct TableLayout {
  std::size_t width = 120;           // text tables wrap their cells to fit; 0: never wrap
  std::vector<std::string> columns;  // shown columns, in this order, by header (case-insensitive, or a unique prefix)
};
void set_table_layout(TableLayout layout);
// After the command: whether --columns applied to a table of its output, and the headers of those it did not fit.
// Empty when --columns was not given or picked the columns of a table in the output; otherwise why not, with
// the headers there are and a suggestion.
std::string columns_not_applied();
// The widths --width and $COLUMNS accept (0, for --width, means never wrap).
inline constexpr std::size_t kNarrowestWidth = 40, kWidestWidth = 100000;
// $COLUMNS, else the terminal's width when output goes to one, else 120.
std::size_t terminal_width();
// Text output with its prose lines wrapped to the layout's width: a line longer than that with at most one
// gap of two or more spaces after its indentation (a sentence, "Label:   value", a two-column row) continues
// under the text after that gap. Other long lines (a table that cannot narrow further) stay as they are.
std::string wrap_prose(const std::string& text);

// A table of text cells rendered as aligned columns or as CSV (RFC 4180 quoting). Text output wraps cells at
// spaces (numbers never wrap) so the table fits the layout's width; --columns picks and orders columns in both.
class Table {
 public:
  struct Column {
    std::string header;
    Align align = Align::Left;
    // Left out of text output (last first, with a note saying so) when the table cannot otherwise fit the
    // width; CSV and --columns always have it.
    bool optional = false;
  };

  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::string> cells);  // one cell per column
  bool empty() const { return rows_.empty(); }

  std::string to_text() const;
  std::string to_csv() const;

 private:
  // The columns --columns asks for, as indices; every column when it asks for none or this table lacks one.
  std::vector<std::size_t> shown() const;
  // Column widths for the picked columns at the layout's width.
  std::vector<std::size_t> widths_of(const std::vector<std::size_t>& picked) const;

  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace chipgap::cli
