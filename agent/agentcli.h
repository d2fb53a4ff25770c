#pragma once

#include <QStringList>

namespace forgelink {

// forgelink-agent's command line: `serve`, `events`, ... Exit codes: 0 ok, 1 runtime failure,
// 2 usage or config error.
class AgentCli {
public:
    static int run(const QStringList &arguments);
};

} // namespace forgelink
