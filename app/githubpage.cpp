#include "githubpage.h"

#include "config/answersvalidator.h"
#include "providers/providerregistry.h"
#include "checkedlineedit.h"
#include "copyablevalue.h"
#include "manifestflow.h"
#include "providers/github/githubprovider.h"
#include "providers/providercatalogue.h"
#include "providers/providercheck.h"
#include "crypto/secretgenerator.h"
#include "verifypanel.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace forgelink {

namespace {
QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}
} // namespace

GitHubPage::GitHubPage(std::function<Answers()> answers, QWidget *parent)
    : AnswersPage(parent), m_answers(std::move(answers))
{
    setTitle(tr("GitHub"));
    setSubTitle(tr("Create a GitHub App for Pipekit in your organization, then enter its details here."));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    auto *where = new QGroupBox(tr("1. Where"), content);
    auto *whereForm = new QFormLayout(where);
    m_organization = new CheckedLineEdit(QStringLiteral("github.organization"), [](const QString &v) {
        return v.isEmpty() ? std::nullopt : AnswersValidator::checkGitHubOrganization(v);
    }, where);
    m_organization->setPlaceholderText(tr("acme (empty: your personal account)"));
    m_apiUrl = new CheckedLineEdit(QStringLiteral("github.apiUrl"), &AnswersValidator::checkServiceUrl, where);
    m_apiUrl->setText(QStringLiteral("https://api.github.com"));
    m_apiUrl->setToolTip(tr("GitHub Enterprise Server: https://HOST/api/v3"));
    whereForm->addRow(buddyLabel(tr("&Organization:"), m_organization, where), m_organization);
    whereForm->addRow(buddyLabel(tr("GitHub &API URL:"), m_apiUrl, where), m_apiUrl);
    layout->addWidget(where);

    auto *oneStep = new QGroupBox(tr("2. Create the App in one step (recommended)"), content);
    auto *oneStepLayout = new QVBoxLayout(oneStep);
    auto *oneStepText = new QLabel(tr("forgelink sends Pipekit's settings to GitHub in your browser; you confirm once, and "
                                      "the App's details come back here by themselves."), oneStep);
    oneStepText->setWordWrap(true);
    m_create = new QPushButton(tr("Create the App on &GitHub…"), oneStep);
    m_create->setObjectName(QStringLiteral("createApp"));
    m_cancelCreate = new QPushButton(tr("Cancel"), oneStep);
    m_cancelCreate->setObjectName(QStringLiteral("cancelCreateApp"));
    m_cancelCreate->hide();
    m_createStatus = new QLabel(oneStep);
    m_createStatus->setObjectName(QStringLiteral("createAppStatus"));
    m_createStatus->setWordWrap(true);
    m_createStatus->setOpenExternalLinks(true);
    m_createStatus->setTextFormat(Qt::RichText);
    auto *oneStepButtons = new QHBoxLayout;
    oneStepButtons->addWidget(m_create);
    oneStepButtons->addWidget(m_cancelCreate);
    oneStepButtons->addStretch();
    oneStepLayout->addWidget(oneStepText);
    oneStepLayout->addLayout(oneStepButtons);
    oneStepLayout->addWidget(m_createStatus);
    layout->addWidget(oneStep);
    m_manifest = new ManifestFlow(this);
    connect(m_create, &QPushButton::clicked, this, &GitHubPage::startManifestFlow);
    connect(m_cancelCreate, &QPushButton::clicked, m_manifest, &ManifestFlow::cancel);
    connect(m_manifest, &ManifestFlow::finished, this, &GitHubPage::manifestFinished);
    connect(m_manifest, &ManifestFlow::failed, this, [this](const QString &message) {
        m_createStatus->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
        m_create->setEnabled(true);
        m_cancelCreate->hide();
        Q_EMIT completeChanged();
    });

    auto *create = new QGroupBox(tr("Or create the App on GitHub by hand, with these settings"), content);
    auto *createForm = new QFormLayout(create);
    m_homepage = new CopyableValue(create);
    m_callback = new CopyableValue(create);
    m_ssoCallback = new CopyableValue(create);
    m_webhook = new CopyableValue(create);
    createForm->addRow(buddyLabel(tr("Homepage URL:"), m_homepage, create), m_homepage);
    createForm->addRow(buddyLabel(tr("Callback URL:"), m_callback, create), m_callback);
    createForm->addRow(buddyLabel(tr("Second callback URL:"), m_ssoCallback, create), m_ssoCallback);
    createForm->addRow(buddyLabel(tr("Webhook URL:"), m_webhook, create), m_webhook);
    // The secret from step 3, shown in full: GitHub signs nothing without it, and the agent then
    // refuses every delivery.
    m_webhookSecretCopy = new CopyableValue(create);
    m_webhookSecretCopy->setObjectName(QStringLiteral("webhookSecretToCopy"));
    createForm->addRow(buddyLabel(tr("Webhook secret:"), m_webhookSecretCopy, create), m_webhookSecretCopy);
    auto *secretHint = new QLabel(tr("Paste it into GitHub's \"Webhook secret\" field, under \"Webhook\", beside the webhook URL. "
                                     "Without it GitHub signs no delivery and the agent refuses them all."),
                                  create);
    secretHint->setWordWrap(true);
    createForm->addRow(secretHint);
    m_permissions = new QLabel(create);
    m_permissions->setWordWrap(true);
    m_permissions->setText(tr("Tick \"Request user authorization (OAuth) during installation\". Repository permissions, "
                              "all Read & Write: %1. Subscribe to events: Create, Pull request, Push, Repository. Then "
                              "generate a client secret and a private key.")
                                   .arg(ProviderCatalogue::githubPermissionLabels().join(QStringLiteral(", "))));
    createForm->addRow(m_permissions);
    m_openGitHub = new QPushButton(tr("Open GitHub's \"&New GitHub App\" page"), create);
    createForm->addRow(m_openGitHub);
    connect(m_openGitHub, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(newAppUrl()); });
    layout->addWidget(create);

    auto *details = new QGroupBox(tr("3. The App's details"), content);
    auto *detailsForm = new QFormLayout(details);
    m_appName = new CheckedLineEdit(QStringLiteral("github.appName"), &AnswersValidator::checkGitHubAppName, details);
    m_appId = new CheckedLineEdit(QStringLiteral("github.appId"), &AnswersValidator::checkGitHubAppId, details);
    m_clientId = new CheckedLineEdit(QStringLiteral("github.clientId"), &AnswersValidator::checkGitHubClientId, details);
    m_clientSecret = new CheckedLineEdit(QStringLiteral("github.clientSecret"), &AnswersValidator::checkRequiredSecret, details);
    m_clientSecret->setSecret(true);
    // A key read from an opened values file stands in for the file until another is chosen.
    m_privateKey = new CheckedLineEdit(QStringLiteral("github.privateKeyFile"), [this](const QString &path) {
        return path.isEmpty() && !m_loadedPem.isEmpty() ? std::nullopt : AnswersValidator::checkPrivateKeyFile(path);
    }, details);
    // Each button is made right after its field: the keyboard's order is the order of creation.
    auto *browse = new QPushButton(tr("&Browse…"), details);
    m_webhookSecret = new CheckedLineEdit(QStringLiteral("github.webhookSecret"), &AnswersValidator::checkOptionalSecret, details);
    m_webhookSecret->setSecret(true);
    m_webhookSecret->setText(SecretGenerator::generate());
    auto *regenerate = new QPushButton(tr("&Regenerate"), details);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_privateKey, 1);
    keyRow->addWidget(browse);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_webhookSecret, 1);
    secretRow->addWidget(regenerate);
    detailsForm->addRow(buddyLabel(tr("App &name:"), m_appName, details), m_appName);
    detailsForm->addRow(buddyLabel(tr("App &ID:"), m_appId, details), m_appId);
    detailsForm->addRow(buddyLabel(tr("&Client ID:"), m_clientId, details), m_clientId);
    detailsForm->addRow(buddyLabel(tr("Client &secret:"), m_clientSecret, details), m_clientSecret);
    detailsForm->addRow(buddyLabel(tr("&Private key (.pem):"), m_privateKey, details), keyRow);
    detailsForm->addRow(buddyLabel(tr("&Webhook secret:"), m_webhookSecret, details), secretRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("The GitHub App's private key"), QString(),
                                                          tr("Private keys (*.pem);;All files (*)"));
        if (!file.isEmpty())
            m_privateKey->setText(file);
    });
    connect(regenerate, &QPushButton::clicked, this, [this] { m_webhookSecret->setText(SecretGenerator::generate()); });
    connect(m_webhookSecret, &CheckedLineEdit::textChanged, m_webhookSecretCopy, &CopyableValue::setValue);
    m_webhookSecretCopy->setValue(m_webhookSecret->text());
    layout->addWidget(details);

    m_verify = new VerifyPanel(Provider::GitHub, m_answers, content);
    layout->addWidget(m_verify);
    connect(m_verify, &VerifyPanel::runningChanged, this, &GitHubPage::completeChanged);

    for (CheckedLineEdit *edit : { m_organization, m_apiUrl, m_appName, m_appId, m_clientId, m_clientSecret, m_privateKey, m_webhookSecret })
        connect(edit, &CheckedLineEdit::textChanged, this, &GitHubPage::completeChanged);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
}

QUrl GitHubPage::newAppUrl() const
{
    const QString web = GitHubProvider::webUrl(m_apiUrl->text());
    const QString organization = m_organization->text();
    return QUrl(organization.isEmpty() ? web + QStringLiteral("/settings/apps/new")
                                       : web + QStringLiteral("/organizations/%1/settings/apps/new").arg(organization));
}

void GitHubPage::initializePage()
{
    const ProviderCatalogue catalogue(m_answers().domain);
    m_homepage->setValue(catalogue.homepageUrl().toString());
    m_callback->setValue(catalogue.githubCallbackUrls().at(0).toString());
    m_ssoCallback->setValue(catalogue.githubCallbackUrls().at(1).toString());
    m_webhook->setValue(catalogue.webhookUrl(Provider::GitHub).toString());
}

void GitHubPage::startManifestFlow()
{
    const Answers answers = m_answers();
    ManifestFlow::Request request;
    request.domain = answers.domain;
    request.organization = m_organization->text();
    request.appName = m_appName->text().isEmpty()
            ? (request.organization.isEmpty() ? QStringLiteral("Pipekit") : QStringLiteral("Pipekit %1").arg(request.organization))
            : m_appName->text();
    request.apiUrl = m_apiUrl->text();
    request.webhookSecret = m_webhookSecret->text().toUtf8();
    request.network.caBundleFile = answers.caBundleFile;
    request.network.proxyUrl = answers.proxyUrl;
    m_create->setEnabled(false);
    m_cancelCreate->show();
    m_createStatus->setText(tr("Waiting for you to confirm on GitHub in your browser…"));
    if (m_manifest->start(request))
        Q_EMIT completeChanged();
}

void GitHubPage::manifestFinished(const GitHubManifest::App &app)
{
    // The same adoption as the batch mode: the App's details and the secret GitHub signs with.
    Answers answers;
    ProviderRegistry::enable(answers, Provider::GitHub);
    writeAnswers(answers);
    GitHubManifest::adopt(*answers.provider(Provider::GitHub), app);
    readAnswers(answers);
    m_privateKey->setPlaceholderText(tr("(the key GitHub generated; kept in your keychain)"));
    const QString install = GitHubProvider::webUrl(m_apiUrl->text()) + QStringLiteral("/apps/") + app.slug
            + QStringLiteral("/installations/new");
    m_createStatus->setText(tr("GitHub created the App \"%1\". Next, <a href=\"%2\">install it</a> on the repositories "
                               "Pipekit should build.")
                                    .arg(app.name.toHtmlEscaped(), install.toHtmlEscaped()));
    m_create->setEnabled(true);
    m_cancelCreate->hide();
    Q_EMIT completeChanged();
}

bool GitHubPage::isComplete() const
{
    if (m_verify->isRunning() || m_manifest->isRunning())
        return false;
    for (const CheckedLineEdit *edit : { m_organization, m_apiUrl, m_appName, m_appId, m_clientId, m_clientSecret, m_privateKey, m_webhookSecret }) {
        if (!edit->isValid())
            return false;
    }
    return true;
}

void GitHubPage::readAnswers(const Answers &answers)
{
    const ProviderAnswers *github = answers.provider(Provider::GitHub);
    if (!github)
        return;
    m_organization->setText(github->value(QStringLiteral("organization")));
    m_apiUrl->setText(github->value(QStringLiteral("apiUrl")));
    m_appName->setText(github->value(QStringLiteral("appName")));
    m_appId->setText(github->value(QStringLiteral("appId")));
    m_clientId->setText(github->value(QStringLiteral("clientId")));
    m_clientSecret->setText(github->value(QStringLiteral("clientSecret")));
    const QString keyFile = github->value(QStringLiteral("privateKeyFile"));
    m_loadedPem = keyFile.isEmpty() ? github->value(QStringLiteral("privateKey")).toUtf8() : QByteArray();
    m_privateKey->setPlaceholderText(m_loadedPem.isEmpty() ? QString() : tr("(the key from the opened values file)"));
    m_privateKey->setText(keyFile);
    m_privateKey->recheck();
    if (const QString webhookSecret = github->value(QStringLiteral("webhookSecret")); !webhookSecret.isEmpty())
        m_webhookSecret->setText(webhookSecret);
}

void GitHubPage::writeAnswers(Answers &answers) const
{
    ProviderAnswers *github = answers.provider(Provider::GitHub);
    if (!github)
        return;
    github->set(QStringLiteral("organization"), m_organization->text());
    github->set(QStringLiteral("apiUrl"), m_apiUrl->text());
    github->set(QStringLiteral("appName"), m_appName->text());
    github->set(QStringLiteral("appId"), m_appId->text());
    github->set(QStringLiteral("clientId"), m_clientId->text());
    github->set(QStringLiteral("clientSecret"), m_clientSecret->text());
    github->set(QStringLiteral("privateKeyFile"), m_privateKey->text());
    github->set(QStringLiteral("privateKey"), m_privateKey->text().isEmpty() ? QString::fromUtf8(m_loadedPem) : QString());
    github->set(QStringLiteral("webhookSecret"), m_webhookSecret->text());
}

} // namespace forgelink
