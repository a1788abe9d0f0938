// SPDX-License-Identifier: Apache-2.0
// Where an installed chipgap finds its data and dashboard: beside the binary, as `cmake --install` and the
// Debian package lay them out (PREFIX/bin/chipgap, PREFIX/share/chipgap/{data,web}). A binary run from its
// build tree has no such directory and keeps the source tree's paths it was compiled with.
#pragma once

#include <string>

namespace chipgap::cli {

// PREFIX/share/chipgap/<name> when the running binary is PREFIX/bin/chipgap and that directory exists,
// otherwise `compiled_in`.
std::string installed_or(const std::string& name, const std::string& compiled_in);

}  // namespace chipgap::cli
