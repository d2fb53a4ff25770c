#include "tokenproviderpage.h"

#include "config/answersvalidator.h"
#include "providers/azuredevops/azuredevopsapi.h"
#include "checkedlineedit.h"
#include "providers/providercatalogue.h"
#include "crypto/secretgenerator.h"
#include "verifypanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace forgelink {

TokenProviderPage::TokenProviderPage(Provider provider, std::function<Answers()> answers, QWidget *parent)
    : AnswersPage(parent), m_provider(provider)
{
    const QString id = providerSection(provider);
    const bool azure = provider == Provider::AzureDevOps;
    setTitle(providerDisplayName(provider));
    switch (provider) {
    case Provider::GitLab:
        setSubTitle(tr("A personal access token of a user who maintains the projects, with the scopes %1.")
                            .arg(ProviderCatalogue::gitlabScopes().join(QStringLiteral(", "))));
        break;
    case Provider::Bitbucket:
        setSubTitle(tr("An HTTP access token with the permissions %1.").arg(ProviderCatalogue::bitbucketPermissions().join(QStringLiteral(", "))));
        break;
    default:
        setSubTitle(tr("A personal access token with Code (Read, Write & Status) and Project & Team (Read), of a "
                       "Project Administrator or a user with \"Edit subscriptions\"."));
        break;
    }

    m_url = new CheckedLineEdit(id + (azure ? QStringLiteral(".organizationUrl") : QStringLiteral(".url")),
                                azure ? &AnswersValidator::checkAzureOrganizationUrl : &AnswersValidator::checkServiceUrl, this);
    m_url->setPlaceholderText(azure ? QStringLiteral("https://dev.azure.com/acme")
                                    : provider == Provider::GitLab ? QStringLiteral("https://gitlab.com")
                                                                   : QStringLiteral("https://bitbucket.example.com"));
    if (provider == Provider::GitLab)
        m_url->setText(QStringLiteral("https://gitlab.com"));
    m_token = new CheckedLineEdit(id + QStringLiteral(".token"), &AnswersValidator::checkRequiredSecret, this);
    m_token->setSecret(true);
    m_secret = new CheckedLineEdit(id + (azure ? QStringLiteral(".webhookBasicAuthPass") : QStringLiteral(".webhookSecret")),
                                   &AnswersValidator::checkOptionalSecret, this);
    m_secret->setSecret(true);
    m_secret->setText(SecretGenerator::generate());

    auto *form = new QFormLayout;
    auto row = [this, form](const QString &text, QWidget *field, QLayout *fieldLayout = nullptr) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        if (fieldLayout)
            form->addRow(label, fieldLayout);
        else
            form->addRow(label, field);
    };
    row(azure ? tr("&Organization URL:") : tr("Server &URL:"), m_url);
    row(azure ? tr("Personal access &token:") : provider == Provider::GitLab ? tr("Personal access &token:") : tr("HTTP access &token:"), m_token);
    if (azure) {
        // Azure DevOps Server speaks an older REST API than Services: the admin names the release
        // when the URL is a server's, and every call uses its version.
        m_apiVersion = new QComboBox(this);
        m_apiVersion->setObjectName(QStringLiteral("azureDevOps.apiVersion"));
        for (const QString &version : AzureDevOpsApi::knownApiVersions()) {
            if (version != u"7.1")
                m_apiVersion->addItem(tr("%1 (REST API %2)").arg(AzureDevOpsApi::productFor(version), version), version);
        }
        auto *versionLabel = new QLabel(tr("Server &release:"), this);
        versionLabel->setBuddy(m_apiVersion);
        form->addRow(versionLabel, m_apiVersion);
        auto showVersion = [this, form] {
            const bool server = !m_url->text().isEmpty() && !AzureDevOpsApi::isServices(m_url->text());
            form->setRowVisible(m_apiVersion, server);
        };
        connect(m_url, &CheckedLineEdit::textChanged, this, showVersion);
        showVersion();
        m_user = new CheckedLineEdit(id + QStringLiteral(".webhookBasicAuthUser"), &AnswersValidator::checkBasicAuthUser, this);
        m_user->setText(QStringLiteral("pipekit"));
        row(tr("Webhook Basic auth &user:"), m_user);
    }
    auto *regenerate = new QPushButton(tr("&Regenerate"), this);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(regenerate);
    row(azure ? tr("Webhook Basic auth &password:") : tr("&Webhook secret:"), m_secret, secretRow);
    connect(regenerate, &QPushButton::clicked, this, [this] { m_secret->setText(SecretGenerator::generate()); });

    m_verify = new VerifyPanel(provider, std::move(answers), this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_verify);
    layout->addStretch();
    connect(m_verify, &VerifyPanel::runningChanged, this, &TokenProviderPage::completeChanged);
    for (CheckedLineEdit *edit : edits())
        connect(edit, &CheckedLineEdit::textChanged, this, &TokenProviderPage::completeChanged);
}

QList<CheckedLineEdit *> TokenProviderPage::edits() const
{
    QList<CheckedLineEdit *> list{ m_url, m_token, m_secret };
    if (m_user)
        list << m_user;
    return list;
}

bool TokenProviderPage::isComplete() const
{
    if (m_verify->isRunning())
        return false;
    for (const CheckedLineEdit *edit : edits()) {
        if (!edit->isValid())
            return false;
    }
    return true;
}

int TokenProviderPage::nextId() const
{
    return m_nextId ? m_nextId() : AnswersPage::nextId();
}

void TokenProviderPage::readAnswers(const Answers &answers)
{
    switch (m_provider) {
    case Provider::GitLab:
        if (answers.gitlab) {
            m_url->setText(answers.gitlab->url);
            m_token->setText(answers.gitlab->token);
            if (!answers.gitlab->webhookSecret.isEmpty())
                m_secret->setText(answers.gitlab->webhookSecret);
        }
        break;
    case Provider::Bitbucket:
        if (answers.bitbucket) {
            m_url->setText(answers.bitbucket->url);
            m_token->setText(answers.bitbucket->token);
            if (!answers.bitbucket->webhookSecret.isEmpty())
                m_secret->setText(answers.bitbucket->webhookSecret);
        }
        break;
    case Provider::AzureDevOps:
        if (answers.azureDevOps) {
            m_url->setText(answers.azureDevOps->organizationUrl);
            m_token->setText(answers.azureDevOps->token);
            m_user->setText(answers.azureDevOps->webhookBasicAuthUser);
            if (const int index = m_apiVersion->findData(answers.azureDevOps->apiVersion); index >= 0)
                m_apiVersion->setCurrentIndex(index);
            if (!answers.azureDevOps->webhookBasicAuthPass.isEmpty())
                m_secret->setText(answers.azureDevOps->webhookBasicAuthPass);
        }
        break;
    case Provider::GitHub:
        break;
    }
}

void TokenProviderPage::writeAnswers(Answers &answers) const
{
    switch (m_provider) {
    case Provider::GitLab:
        if (answers.gitlab)
            *answers.gitlab = GitLabAnswers{ m_url->text(), m_token->text(), m_secret->text() };
        break;
    case Provider::Bitbucket:
        if (answers.bitbucket)
            *answers.bitbucket = BitbucketAnswers{ m_url->text(), m_token->text(), m_secret->text() };
        break;
    case Provider::AzureDevOps:
        if (answers.azureDevOps)
            *answers.azureDevOps = AzureDevOpsAnswers{ m_url->text(), m_token->text(), m_user->text(), m_secret->text(),
                                                       AzureDevOpsApi::isServices(m_url->text()) ? QStringLiteral("7.1")
                                                                                                 : m_apiVersion->currentData().toString() };
        break;
    case Provider::GitHub:
        break;
    }
}

} // namespace forgelink
