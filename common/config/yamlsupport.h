#pragma once

#include "result.h"

#include <QString>
#include <yaml-cpp/yaml.h>

namespace forgelink {

// yaml-cpp throws; these wrappers turn its exceptions into errors that name the file and line
// (`what` prefixes the message; empty when the caller names the source itself).
Result<YAML::Node> loadYamlFile(const QString &path);
Result<YAML::Node> loadYamlText(const QByteArray &text, const QString &what);

QString yamlScalar(const YAML::Node &node);
QString yamlTypeName(const YAML::Node &node);

} // namespace forgelink
