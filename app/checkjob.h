#pragma once

#include "core/provider.h"
#include "providers/providercheck.h"
#include "settings/answers.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace forgelink {

// Runs one provider's credential check on a worker thread, so the page stays responsive. One
// finished() signal; after cancel() it comes at once, with wasCancelled() set, and the worker
// aborts its request and stops.
class CheckJob : public QObject {
    Q_OBJECT

public:
    CheckJob(Provider provider, Answers answers, QObject *parent = nullptr);
    ~CheckJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }
    CheckOutcome outcome() const { return m_outcome; }

Q_SIGNALS:
    void finished();

private:
    void releaseThread();

    Provider m_provider;
    Answers m_answers;
    CheckOutcome m_outcome;
    QThread *m_thread = nullptr;
    bool m_running = false;
    bool m_cancelled = false;
    // The running check's: set by cancel(), read by its API client.
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace forgelink
