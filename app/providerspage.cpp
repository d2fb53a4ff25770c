#include "providerspage.h"

#include "config/answersvalidator.h"
#include "checkedlineedit.h"
#include "providers/providerregistry.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace forgelink {

namespace {
std::optional<QString> optional(const std::function<std::optional<QString>(const QString &)> &check, const QString &value)
{
    return value.isEmpty() ? std::nullopt : check(value);
}
} // namespace

ProvidersPage::ProvidersPage(QWidget *parent)
    : AnswersPage(parent)
{
    setTitle(tr("Git providers"));
    setSubTitle(tr("Choose every provider Pipekit should work with. Each gets a page of its own."));
    auto *layout = new QVBoxLayout(this);
    for (const GitProvider *provider : ProviderRegistry::all()) {
        auto *box = new QCheckBox(provider->choiceLabel(), this);
        box->setObjectName(QStringLiteral("use.") + provider->id());
        layout->addWidget(box);
        m_boxes.insert(provider->kind(), box);
        connect(box, &QCheckBox::toggled, this, &ProvidersPage::completeChanged);
    }
    auto *network = new QGroupBox(tr("Network (only if your providers need it)"), this);
    // Made after the boxes: the keyboard's order is the order of creation.
    m_caBundle = new CheckedLineEdit(QStringLiteral("network.caBundle"),
                                     [](const QString &v) { return optional(&AnswersValidator::checkCaBundle, v); }, network);
    m_proxy = new CheckedLineEdit(QStringLiteral("network.proxy"),
                                  [](const QString &v) { return optional(&AnswersValidator::checkProxyUrl, v); }, network);
    auto *form = new QFormLayout(network);
    m_caBundle->setPlaceholderText(tr("/etc/ssl/company-ca.pem"));
    m_proxy->setPlaceholderText(QStringLiteral("http://proxy.example.com:3128"));
    auto *caLabel = new QLabel(tr("Extra &CA certificates:"), network);
    caLabel->setBuddy(m_caBundle);
    auto *proxyLabel = new QLabel(tr("HTTP(S) &proxy:"), network);
    proxyLabel->setBuddy(m_proxy);
    form->addRow(caLabel, m_caBundle);
    form->addRow(proxyLabel, m_proxy);
    layout->addWidget(network);
    layout->addStretch();
    connect(m_caBundle, &CheckedLineEdit::textChanged, this, &ProvidersPage::completeChanged);
    connect(m_proxy, &CheckedLineEdit::textChanged, this, &ProvidersPage::completeChanged);
}

bool ProvidersPage::isSelected(Provider provider) const
{
    return m_boxes.value(provider)->isChecked();
}

bool ProvidersPage::isComplete() const
{
    bool any = false;
    for (QCheckBox *box : m_boxes)
        any |= box->isChecked();
    return any && m_caBundle->isValid() && m_proxy->isValid();
}

QString ProvidersPage::whyIncomplete() const
{
    for (QCheckBox *box : m_boxes) {
        if (box->isChecked())
            return AnswersPage::whyIncomplete();
    }
    return tr("Next waits for a provider: tick at least one.");
}

void ProvidersPage::readAnswers(const Answers &answers)
{
    for (auto it = m_boxes.constBegin(); it != m_boxes.constEnd(); ++it)
        it.value()->setChecked(answers.isEnabled(it.key()));
    m_caBundle->setText(answers.caBundleFile);
    m_proxy->setText(answers.proxyUrl);
}

void ProvidersPage::writeAnswers(Answers &answers) const
{
    // A provider kept keeps its answers; one ticked anew starts from its defaults.
    for (auto it = m_boxes.constBegin(); it != m_boxes.constEnd(); ++it) {
        if (it.value()->isChecked())
            ProviderRegistry::enable(answers, it.key());
        else
            answers.disable(it.key());
    }
    answers.caBundleFile = m_caBundle->text();
    answers.proxyUrl = m_proxy->text();
}

} // namespace forgelink
