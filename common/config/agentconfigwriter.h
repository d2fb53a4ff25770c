#pragma once

#include "config/answers.h"

#include <QByteArray>

namespace forgelink {

// Writes agent.yaml from the same answers as the values file, so the agent verifies deliveries
// with exactly the secrets Pipekit's chart was given. Secrets are written as literals: the file is
// created 0600 and is meant to become a Kubernetes Secret or to live beside the agent.
class AgentConfigWriter {
public:
    static QByteArray render(const Answers &answers);
};

} // namespace forgelink
