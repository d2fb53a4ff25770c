#include "verifypanel.h"

#include "checkjob.h"

#include <QHBoxLayout>
#include <QCoreApplication>
#include <QAccessible>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace forgelink {

VerifyPanel::VerifyPanel(Provider provider, std::function<Answers()> answers, QWidget *parent)
    : QWidget(parent), m_provider(provider), m_answers(std::move(answers)), m_verify(new QPushButton(tr("&Verify"), this)),
      m_cancel(new QPushButton(tr("Cancel check"), this)), m_busy(new QProgressBar(this)), m_result(new QLabel(this))
{
    m_verify->setObjectName(QStringLiteral("verify"));
    m_cancel->setObjectName(QStringLiteral("cancelCheck"));
    m_result->setObjectName(QStringLiteral("verifyResult"));
    m_verify->setToolTip(tr("Checks the credentials against %1's API").arg(providerDisplayName(provider)));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setAccessibleName(tr("Checking"));
    m_busy->hide();
    m_cancel->hide();
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setOpenExternalLinks(true);
    m_result->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_verify);
    buttons->addWidget(m_busy);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_result);

    connect(m_verify, &QPushButton::clicked, this, &VerifyPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
}

bool VerifyPanel::isRunning() const
{
    return m_job && m_job->isRunning();
}

QString VerifyPanel::resultText() const
{
    return m_result->text();
}

void VerifyPanel::start()
{
    delete m_job;
    m_job = new CheckJob(m_provider, m_answers(), this);
    connect(m_job, &CheckJob::finished, this, &VerifyPanel::showOutcome);
    m_result->setText(tr("Checking with %1…").arg(providerDisplayName(m_provider)));
    m_verify->setEnabled(false);
    m_busy->show();
    m_cancel->show();
    m_job->start();
    Q_EMIT runningChanged(true);
}

void VerifyPanel::showOutcome()
{
    m_verify->setEnabled(true);
    m_busy->hide();
    m_cancel->hide();
    if (m_job->wasCancelled()) {
        m_result->setText(tr("The check was cancelled."));
        announce();
        Q_EMIT runningChanged(false);
        return;
    }
    const CheckOutcome outcome = m_job->outcome();
    QString html = outcome.passed ? tr("<b style='color:#1b5e20'>Verified.</b>") : tr("<b style='color:#b00020'>Not verified.</b>");
    html += QStringLiteral("<ul>");
    for (const QString &fact : outcome.facts)
        html += QStringLiteral("<li>%1</li>").arg(fact.toHtmlEscaped());
    for (const QString &problem : outcome.problems)
        html += QStringLiteral("<li style='color:#b00020'>%1</li>").arg(problem.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    m_nextStepUrl = outcome.nextStep.url;
    if (!m_nextStepUrl.isEmpty())
        html += tr("Next, <a href=\"%1\">%2</a>.").arg(m_nextStepUrl.toHtmlEscaped(), outcome.nextStep.text.toHtmlEscaped());
    m_result->setText(html);
    m_result->setAccessibleDescription(QStringList(outcome.facts + outcome.problems).join(u'\n'));
    announce();
    Q_EMIT runningChanged(false);
    Q_EMIT verified(outcome.passed);
}

// The outcome may sit below the visible part of a long page: scroll it into view once laid out,
// and tell screen readers that it changed.
void VerifyPanel::announce()
{
    // The new text changes the label's height, which the layouts settle over a few passes: scroll
    // at once and once more when they have, or the bottom of the message may stay out of view.
    auto scrollIntoView = [this] {
        for (QWidget *ancestor = parentWidget(); ancestor; ancestor = ancestor->parentWidget()) {
            if (auto *scroll = qobject_cast<QScrollArea *>(ancestor)) {
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                scroll->ensureWidgetVisible(m_result, 0, 20);
                return;
            }
        }
    };
    QTimer::singleShot(0, this, scrollIntoView);
    QTimer::singleShot(100, this, scrollIntoView);
    QAccessibleEvent changed(m_result, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&changed);
    QAccessibleEvent alert(m_result, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

} // namespace forgelink
