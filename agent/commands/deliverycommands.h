#pragma once

#include <QString>

namespace forgelink {

class CommandLine;

// Recorded deliveries and their way on: events, outbox, redeliver, recover.
class DeliveryCommands {
public:
    static int events(CommandLine &line);
    // `events show PROVIDER:ID`: the delivery as received, its events, and each target's row
    // with every attempt.
    static int show(CommandLine &line, const QString &which);
    static int outbox(CommandLine &line);
    static int redeliver(CommandLine &line);
    static int recover(CommandLine &line);
};

} // namespace forgelink
