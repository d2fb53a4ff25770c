#pragma once

#include "core/result.h"

#include <QString>
#include <yaml-cpp/yaml.h>

namespace forgelink {

// yaml-cpp throws; these wrappers turn its exceptions into errors that name the file and line
// (`what` prefixes the message; empty when the caller names the source itself). A key given
// twice in one mapping is an error too: yaml-cpp would keep the first silently.
Result<YAML::Node> loadYamlFile(const QString &path);
Result<YAML::Node> loadYamlText(const QByteArray &text, const QString &what);

// A config or answers file is small: a larger one (or /dev/zero) is refused before it is read whole.
constexpr qint64 kMostConfigFileBytes = 4 * 1024 * 1024;
// The file's text, or why not ("cannot read: ...", "is larger than 4 MiB ...").
Result<QByteArray> readConfigFile(const QString &path);

QString yamlScalar(const YAML::Node &node);
QString yamlTypeName(const YAML::Node &node);

} // namespace forgelink
