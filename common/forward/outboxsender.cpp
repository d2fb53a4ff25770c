#include "forward/outboxsender.h"

#include "forward/outboxworker.h"

#include <QThread>

namespace forgelink {

OutboxSender::OutboxSender(DatabaseSettings database, QList<ForwardTarget> targets, RetentionSettings retention, QString owner,
                           QObject *parent)
    : QObject(parent), m_thread(new QThread),
      m_worker(new OutboxWorker(std::move(database), std::move(targets), retention, std::move(owner)))
{
    m_thread->setObjectName(QStringLiteral("forgelink-outbox"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &OutboxWorker::attempted, this, &OutboxSender::attempted);
    connect(m_worker, &OutboxWorker::counted, this, &OutboxSender::counted);
    connect(m_worker, &OutboxWorker::pausesRead, this, &OutboxSender::pausesRead);
}

OutboxSender::~OutboxSender()
{
    stop();
}

void OutboxSender::setAnswerRecorder(std::function<void(QList<OutboxTable::Completion>, std::function<void(const Result<void> &)>)> recorder)
{
    m_worker->setAnswerRecorder(std::move(recorder));
}

Result<void> OutboxSender::start()
{
    m_thread->start();
    Result<void> opened;
    QMetaObject::invokeMethod(m_worker, [this, &opened] { opened = m_worker->open(); }, Qt::BlockingQueuedConnection);
    if (!opened)
        stop();
    return opened;
}

void OutboxSender::wake()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &OutboxWorker::wake, Qt::QueuedConnection);
}

void OutboxSender::stop()
{
    if (!m_thread)
        return;
    if (m_thread->isRunning()) {
        QMetaObject::invokeMethod(m_worker, [this] { m_worker->finish(); }, Qt::BlockingQueuedConnection);
        // The worker goes on its own thread, which then ends.
        QMetaObject::invokeMethod(m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    } else {
        delete m_worker;
    }
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
}

} // namespace forgelink
