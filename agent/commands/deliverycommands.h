#pragma once

namespace forgelink {

class CommandLine;

// Recorded deliveries and their way on: events, outbox, redeliver, recover.
class DeliveryCommands {
public:
    static int events(CommandLine &line);
    static int outbox(CommandLine &line);
    static int redeliver(CommandLine &line);
    static int recover(CommandLine &line);
};

} // namespace forgelink
