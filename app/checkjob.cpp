#include "checkjob.h"

#include <QPointer>
#include <QThread>

namespace forgelink {

CheckJob::CheckJob(Provider provider, Answers answers, QObject *parent)
    : QObject(parent), m_provider(provider), m_answers(std::move(answers))
{
}

CheckJob::~CheckJob()
{
    releaseThread();
}

void CheckJob::releaseThread()
{
    if (!m_thread)
        return;
    // A cancelled check may take a moment to see its flag: let it finish on its own.
    m_thread->disconnect(this);
    if (m_thread->isFinished())
        delete m_thread;
    else
        connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_thread = nullptr;
}

void CheckJob::start()
{
    releaseThread(); // a cancelled check's answer never counts for this one
    m_running = true;
    m_cancelled = false;
    auto result = std::make_shared<CheckOutcome>();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_thread = QThread::create([provider = m_provider, answers = m_answers, result, cancel = m_cancel] {
        *result = ProviderCheck::run(provider, answers, cancel);
    });
    connect(m_thread, &QThread::finished, this, [this, result] {
        if (!m_running)
            return; // cancelled: the answer comes too late
        m_outcome = *result;
        m_running = false;
        Q_EMIT finished();
    });
    m_thread->start();
}

void CheckJob::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    m_cancelled = true;
    m_cancel->store(true);
    Q_EMIT finished();
}

} // namespace forgelink
