#include "store/walcheckpointer.h"

#include "log/logthrottle.h"
#include "store/store.h"

#include <QLoggingCategory>

#include <future>

Q_LOGGING_CATEGORY(lcCheckpoint, "forgelink.store.checkpoint", QtInfoMsg)

namespace forgelink {

WalCheckpointer::WalCheckpointer(DatabaseSettings settings, int everyMs) : m_settings(std::move(settings)), m_everyMs(everyMs) { }

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

Result<void> WalCheckpointer::start()
{
    std::promise<Result<void>> opened;
    std::future<Result<void>> result = opened.get_future();
    m_stop = false;
    m_thread = std::thread([this, &opened] { run(&opened); });
    Result<void> outcome = result.get();
    if (!outcome)
        m_thread.join();
    return outcome;
}

void WalCheckpointer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void WalCheckpointer::run(std::promise<Result<void>> *opened)
{
    Result<std::unique_ptr<Store>> store = Store::open(m_settings, QStringLiteral("forgelink-checkpoint"));
    if (!store) {
        opened->set_value(fail(store.error()));
        return;
    }
    opened->set_value({});
    LogThrottle failures; // a database that keeps failing is not a line every 100 ms
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, std::chrono::milliseconds(m_everyMs), [this] { return m_stop; })) {
        lock.unlock();
        if (Result<void> done = (*store)->database().exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); !done) {
            if (const auto heldBack = failures.admit())
                qCWarning(lcCheckpoint).noquote() << "cannot checkpoint the write-ahead log:" << done.error()
                                                  << (*heldBack ? QStringLiteral("(%1 times since the last such line)").arg(*heldBack + 1) : QString());
        }
        lock.lock();
    }
}

} // namespace forgelink
