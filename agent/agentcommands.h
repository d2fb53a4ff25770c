#pragma once

#include "agentcommand.h"

#include <QList>

namespace forgelink {

// Every command of forgelink-agent, in the order the help lists them: the one table that both
// the help and the dispatch read.
class AgentCommands {
public:
    static const QList<AgentCommand> &all();
    static const AgentCommand *find(const QString &name);
    // "Commands:" and every command's usage with its description below it.
    static QString overview();
};

} // namespace forgelink
