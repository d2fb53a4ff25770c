#pragma once

#include "config/answers.h"
#include "config/fielderror.h"
#include "result.h"
#include "config/valueslayout.h"

#include <QByteArray>

namespace forgelink {

// Turns valid answers into the two files an admin needs: values.yaml for Pipekit's chart and
// agent.yaml for forgelink-agent. The wizard's last page and `--batch` share it.
class SetupGenerator {
public:
    struct Output {
        Answers answers; // with generated secrets and the loaded key
        QByteArray valuesYaml;
        QByteArray agentYaml;
    };

    // Fills every empty secret with a fresh one and loads the private key file.
    static Result<Answers> complete(Answers answers);

    static Result<Output> generate(const Answers &answers, const ValuesLayout &layout);

    // Writes DIR/values.yaml and DIR/agent.yaml, both 0600; creates DIR when missing.
    static Result<void> write(const Output &output, const QString &directory);

    static QString helmCommand(const QString &valuesPath);
};

} // namespace forgelink
