#include "hostpage.h"

#include "config/answersvalidator.h"
#include "checkedlineedit.h"
#include "providers/providercatalogue.h"

#include <QFormLayout>
#include <QLabel>

namespace forgelink {

HostPage::HostPage(QWidget *parent)
    : AnswersPage(parent), m_host(new CheckedLineEdit(QStringLiteral("domain"), &AnswersValidator::checkHostName, this)),
      m_urls(new QLabel(this)),
      m_eventsHandler(new CheckedLineEdit(QStringLiteral("eventsHandler"), &AnswersValidator::checkEventsHandlerUrl, this))
{
    setTitle(tr("Pipekit's address"));
    setSubTitle(tr("The host name your users open Pipekit at. Every URL the providers need derives from it."));
    m_host->setPlaceholderText(QStringLiteral("pipekit.example.com"));
    m_urls->setObjectName(QStringLiteral("derivedUrls"));
    m_urls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urls->setWordWrap(true);
    auto *layout = new QFormLayout(this);
    auto *label = new QLabel(tr("&Host name:"), this);
    label->setBuddy(m_host);
    layout->addRow(label, m_host);
    m_eventsHandler->setPlaceholderText(QStringLiteral("http://pipekit-events-handler.pipekit.svc.cluster.local:8080"));
    auto *forwardLabel = new QLabel(tr("&Events handler:"), this);
    forwardLabel->setBuddy(m_eventsHandler);
    layout->addRow(forwardLabel, m_eventsHandler);
    auto *forwardHint = new QLabel(tr("Where forgelink-agent reaches Pipekit's events handler, in a cluster its Service URL. "
                                      "The agent receives the providers' webhooks, records them, and forwards each one there, "
                                      "retrying while Pipekit is down. Required when the agent takes Pipekit's webhook paths "
                                      "(the Kubernetes or VM deployment on the last page): without it Pipekit sees no webhook."),
                                   this);
    forwardHint->setWordWrap(true);
    layout->addRow(forwardHint);
    // Last: the URLs come and go with the host name's validity, and must not move the fields.
    layout->addRow(m_urls);
    connect(m_eventsHandler, &CheckedLineEdit::textChanged, this, &HostPage::completeChanged);
    connect(m_host, &CheckedLineEdit::textChanged, this, [this] {
        showUrls();
        Q_EMIT completeChanged();
    });
    showUrls();
}

bool HostPage::isComplete() const
{
    return m_host->isValid() && m_eventsHandler->isValid();
}

void HostPage::showUrls()
{
    if (!m_host->isValid()) {
        m_urls->clear();
        return;
    }
    const ProviderCatalogue catalogue(m_host->text());
    QString text = tr("Homepage: %1").arg(catalogue.homepageUrl().toString()) + QLatin1Char('\n');
    for (const QUrl &url : catalogue.githubCallbackUrls())
        text += tr("GitHub callback: %1").arg(url.toString()) + QLatin1Char('\n');
    for (Provider provider : allProviders())
        text += tr("%1 webhook: %2").arg(providerDisplayName(provider), catalogue.webhookUrl(provider).toString()) + QLatin1Char('\n');
    m_urls->setText(text.trimmed());
}

void HostPage::readAnswers(const Answers &answers)
{
    m_host->setText(answers.domain);
    m_eventsHandler->setText(answers.eventsHandlerUrl);
}

void HostPage::writeAnswers(Answers &answers) const
{
    answers.domain = m_host->text();
    answers.eventsHandlerUrl = m_eventsHandler->text().trimmed();
}

} // namespace forgelink
