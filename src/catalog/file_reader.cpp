// SPDX-License-Identifier: Apache-2.0
#include "file_reader.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "chipgap/common/text.hpp"

namespace chipgap::catalog::detail {

namespace {

// Where the documents of a YAML text start, and where each one's top node is, without building nodes.
class DocumentMarks : public YAML::EventHandler {
 public:
  struct Document {
    YAML::Mark start;  // its first token ('---' or the top node)
    YAML::Mark node;   // its top node
    bool null = false;
  };
  std::vector<Document> documents;

  void OnDocumentStart(const YAML::Mark& mark) override { documents.push_back({mark, YAML::Mark::null_mark(), false}); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { top(mark, true); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { top(mark, false); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override { top(mark, false); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    top(mark, false);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    top(mark, false);
  }
  void OnMapEnd() override {}

 private:
  void top(const YAML::Mark& mark, bool null) {
    if (documents.empty() || documents.back().node.pos >= 0 || documents.back().null) return;
    documents.back().node = mark;
    documents.back().null = null;
  }
};

// yaml-cpp 0.7 decodes the escapes "\N" and "\_" of double-quoted scalars to the single bytes 0x85 and 0xA0,
// not to UTF-8, so a valid file can still hold invalid text once read (found by fuzz/spec_fuzzer;
// fuzz/regressions/spec/). Every key and scalar is checked once; collections are visited once each (an
// alias shares its anchor's node and position), so aliases cannot make the walk grow.
bool decoded_text_is_utf8(FileContext& context, const YAML::Node& root) {
  std::vector<YAML::Node> pending{root};
  std::set<int> visited;  // positions of the collections seen
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsScalar()) {
      if (first_invalid_utf8(node.Scalar())) {
        context.error(node.Mark(), "", "this text is not valid UTF-8 once its escapes are decoded (write the character "
                                       "itself, not \\N or \\_)");
        return false;
      }
    } else if ((node.IsMap() || node.IsSequence()) && visited.insert(node.Mark().pos).second) {
      for (const auto& entry : node) {
        if (node.IsMap()) {
          pending.push_back(entry.first);
          pending.push_back(entry.second);
        } else {
          pending.push_back(entry);
        }
      }
    }
  }
  return true;
}

}  // namespace

void parse_data_file(const DataFile& file, const std::vector<std::string>& body_keys, std::vector<Diagnostic>& errors,
                     const std::function<void(FileContext&, MapReader&)>& read_body) {
  // Problems are found in reading order; they are reported in file order.
  const std::size_t first_error = errors.size();
  struct SortByPosition {
    std::vector<Diagnostic>& errors;
    std::size_t first;
    ~SortByPosition() {
      std::stable_sort(errors.begin() + static_cast<std::ptrdiff_t>(first), errors.end(),
                       [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                       });
    }
  } sort_at_exit{errors, first_error};

  FileContext context(file.name, errors, file.catalog_path);
  auto loaded = load_yaml(context, file);
  if (!loaded) return;
  YAML::Node root = *loaded;
  if (root.IsNull()) {
    std::vector<std::string> keys{"sources"};
    keys.insert(keys.end(), body_keys.begin(), body_keys.end());
    std::string expected;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) expected += (i + 1 == keys.size()) ? " and " : ", ";
      expected += "'" + keys[i] + ":'";
    }
    context.error(YAML::Mark::null_mark(), "", "the file is empty; expected " + expected);
    return;
  }
  MapReader top(context, root, "");
  if (!top.is_map()) return;
  read_sources(top);
  read_body(context, top);
  top.finish();
  const YAML::Node& const_root = root;
  if (context.error_count() == 0) report_unused_sources(context, const_root["sources"]);
}

std::optional<YAML::Node> load_yaml(FileContext& context, const DataFile& file) {
  // YAML is UTF-8 here; invalid bytes would pass the parser and fail later, far from their line, when
  // a value holding them is written out as JSON.
  if (auto bad = first_invalid_utf8(file.text)) {
    const TextPosition at = position_of(file.text, *bad);
    YAML::Mark mark;
    mark.pos = static_cast<int>(*bad);
    mark.line = static_cast<int>(at.line) - 1;
    mark.column = static_cast<int>(at.column) - 1;
    context.error(mark, "", "the file is not valid UTF-8 (byte " + std::to_string(*bad + 1) + " of the file)");
    return std::nullopt;
  }
  try {
    // Not YAML::LoadAll: yaml-cpp 0.7 never gets past a token that cannot start a node (a ',' outside
    // brackets: the one-byte file "," is enough), so LoadAll appends empty documents until memory runs
    // out (found by fuzz/catalog_fuzzer, reproducer in fuzz/regressions/catalog/). The first document
    // is loaded by itself; the parser's events say whether a second one follows (three documents at
    // most are looked at: a stuck parser starts the next one where the last one started).
    std::istringstream input(file.text);
    YAML::Parser parser(input);
    DocumentMarks marks;
    while (marks.documents.size() < 3 && parser.HandleNextDocument(marks)) {
    }
    if (marks.documents.empty()) return YAML::Node();
    for (std::size_t i = 1; i < marks.documents.size(); ++i) {
      const YAML::Mark& at = marks.documents[i].start;
      if (at.pos != marks.documents[i - 1].start.pos) continue;
      const std::size_t pos = std::min(at.pos >= 0 ? static_cast<std::size_t>(at.pos) : 0, file.text.size());
      context.error(at, "", "invalid YAML: unexpected '" + printable(std::string_view(file.text).substr(pos, 1)) + "'");
      return std::nullopt;
    }
    // A second document (after '---') would otherwise be dropped without a word: two catalog files
    // pasted together lost the second one's chips.
    if (marks.documents.size() > 1) {
      YAML::Mark mark = marks.documents[1].node;
      if (mark.line < 0 || marks.documents[1].null) {  // an empty document has no position of its own: its '---'
        const std::size_t separator = file.text.rfind("\n---");
        const TextPosition at = position_of(file.text, separator == std::string::npos ? 0 : separator + 1);
        mark.line = static_cast<int>(at.line) - 1;
        mark.column = 0;
      }
      context.error(mark, "", "a second YAML document (after '---'); a data file holds one document: merge them or "
                              "split them into two files");
      return std::nullopt;
    }
    YAML::Node root = YAML::Load(file.text);
    if (!decoded_text_is_utf8(context, root)) return std::nullopt;
    return root;
  } catch (const YAML::Exception& e) {
    context.error(e.mark, "", "invalid YAML: " + e.msg);
    return std::nullopt;
  }
}

std::vector<std::filesystem::path> yaml_files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bounded_file(const std::filesystem::path& path, std::string& text) {
  std::error_code ec;
  // Devices and pipes (/dev/zero) never end; only regular files are data.
  if (!std::filesystem::is_regular_file(path, ec)) return "not a regular file";
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return "cannot read the file";
  if (size > kMaxDataFileBytes) {
    return "the file is " + std::to_string(size) + " bytes; data files are at most " + std::to_string(kMaxDataFileBytes);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the file";
  text.assign(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return "cannot read the file";
  return {};
}

std::vector<DataFile> read_data_files(const std::vector<std::filesystem::path>& paths, std::vector<Diagnostic>& errors,
                                      const std::filesystem::path& root) {
  std::vector<DataFile> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    std::string text;
    if (std::string problem = read_bounded_file(path, text); !problem.empty()) {
      errors.push_back({path.string(), 0, 0, "", problem});
      continue;
    }
    files.push_back({path.string(), std::move(text), root.empty() ? "" : path.lexically_relative(root).generic_string()});
  }
  return files;
}

}  // namespace chipgap::catalog::detail

namespace chipgap::catalog {

Result<DataFile> read_data_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return std::vector<Diagnostic>{{path.string(), 0, 0, "", "no such file"}};
  }
  DataFile file{path.string(), {}};
  if (std::string problem = detail::read_bounded_file(path, file.text); !problem.empty()) {
    return std::vector<Diagnostic>{{path.string(), 0, 0, "", problem}};
  }
  return file;
}

}  // namespace chipgap::catalog
