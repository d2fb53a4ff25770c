#pragma once

#include "core/result.h"
#include "store/databasesettings.h"

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

namespace forgelink {

// SQLite only: copies the write-ahead log into the database on a thread of its own, every
// `everyMs`, so that the delivery writer's group commits never wait behind a checkpoint, and a
// page rewritten by many commits (the outbox's heads index while rows wait) is copied once per
// checkpoint instead of once or twice per commit. PASSIVE: it never blocks the writer or readers;
// what a reader still needs is copied the next time. The writer keeps a far-off automatic
// checkpoint as a backstop (DeliveryWriter).
class WalCheckpointer {
public:
    explicit WalCheckpointer(DatabaseSettings settings, int everyMs = 100);
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    Result<void> start();
    void stop();

private:
    void run(std::promise<Result<void>> *opened);

    DatabaseSettings m_settings;
    int m_everyMs;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
};

} // namespace forgelink
