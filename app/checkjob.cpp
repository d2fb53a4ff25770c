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
    if (m_thread) {
        // A cancelled check may still be waiting for its provider: let it finish on its own.
        m_thread->disconnect(this);
        if (m_thread->isFinished())
            delete m_thread;
        else
            connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    }
}

void CheckJob::start()
{
    m_running = true;
    m_cancelled = false;
    auto result = std::make_shared<ProviderCheck::Outcome>();
    m_thread = QThread::create([provider = m_provider, answers = m_answers, result] {
        *result = ProviderCheck::run(provider, answers);
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
    Q_EMIT finished();
}

} // namespace forgelink
