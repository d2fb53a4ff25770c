#include "setupwizard.h"

#include "finishpage.h"
#include "githubpage.h"
#include "hostpage.h"
#include "providerspage.h"
#include "reviewpage.h"
#include "secretstore.h"
#include "providerfieldspage.h"
#include "config/valuesreader.h"
#include "providers/providerregistry.h"
#include "welcomepage.h"
#include "wizardsession.h"

#include <QDir>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>

namespace forgelink {

SetupWizard::SetupWizard(QWidget *parent) : SetupWizard(Options{}, parent) { }

SetupWizard::SetupWizard(const Options &options, QWidget *parent) : QWizard(parent)
{
    setWindowTitle(tr("forgelink: connect Pipekit to your Git providers"));
    setWindowIcon(QIcon(QStringLiteral(":/forgelink/forgelink.svg")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    resize(820, 720);

    const auto current = [this] { return answers(); };
    m_welcome = new WelcomePage;
    auto *host = new HostPage;
    m_providers = new ProvidersPage;
    m_finish = new FinishPage(current);
    m_providers->setNextId([this] { return nextProviderPage(ProvidersPageId); });
    m_pages = { host, m_providers };
    setPage(WelcomePageId, m_welcome);
    setPage(HostPageId, host);
    setPage(ProvidersPageId, m_providers);
    // A page per provider, in the registry's order: its own where it has one (GitHub's creates
    // the App), else the page made from its declared fields.
    for (const GitProvider *provider : ProviderRegistry::all()) {
        const int id = providerPageId(int(m_providerPages.size()));
        AnswersPage *page = provider->kind() == Provider::GitHub ? static_cast<AnswersPage *>(new GitHubPage(current))
                                                                 : new ProviderFieldsPage(provider->kind(), current);
        page->setNextId([this, id] { return nextProviderPage(id); });
        m_pages << page;
        m_providerPages.append({ id, provider->kind() });
        setPage(id, page);
    }
    setPage(ReviewPageId, new ReviewPage(current));
    setPage(FinishPageId, m_finish);

    QString settingsFile = options.settingsFile;
    if (settingsFile.isEmpty())
        settingsFile = QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).filePath(QStringLiteral("session.ini"));
    m_secrets = new SecretStore(options.keychainService, this);
    m_session = std::make_unique<WizardSession>(settingsFile, *m_secrets);
    connect(m_secrets, &SecretStore::failed, m_welcome, &WelcomePage::setKeychainStatus);
    connect(m_welcome, &WelcomePage::openValuesRequested, this, &SetupWizard::openValuesFile);
    connect(this, &QWizard::currentIdChanged, this, [this] { saveSession(); });
    connect(m_finish, &FinishPage::written, this, [this] { saveSession(); });

    int savedPage = -1;
    QString savedFolder;
    const Answers saved = options.resume ? m_session->load(&savedPage, &savedFolder) : Answers();
    showAnswers(saved);
    m_finish->setFolder(savedFolder);
    m_secrets->probe([this, saved, savedPage, resume = options.resume](bool available, const QString &error) {
        m_welcome->setKeychainStatus(available ? tr("Secrets are kept in your keychain between sessions.")
                                               : tr("No keychain is available (%1): secrets are kept in memory only and "
                                                    "must be entered again next time.").arg(error));
        auto finishRestore = [this, savedPage, resume, available, error](const Answers &answers) {
            if (resume) {
                showAnswers(answers);
                if (!available && savedPage > WelcomePageId) {
                    for (AnswersPage *page : m_pages)
                        page->showSecretsNotKept(error);
                }
                if (savedPage > WelcomePageId)
                    resumeAt(savedPage);
            }
            m_restored = true;
            Q_EMIT restored();
        };
        if (available && resume)
            m_session->addSecrets(saved, finishRestore);
        else
            finishRestore(saved);
    });
}

SetupWizard::~SetupWizard() = default;

Answers SetupWizard::answers() const
{
    Answers answers;
    for (const AnswersPage *page : m_pages)
        page->writeAnswers(answers);
    answers.baseDirectory = QDir::currentPath();
    return answers;
}

void SetupWizard::showAnswers(const Answers &answers)
{
    for (AnswersPage *page : m_pages)
        page->readAnswers(answers);
}

bool SetupWizard::openValuesFile(const QString &path)
{
    const Result<ValuesLayout> layout = ValuesLayout::builtIn();
    Result<Answers> opened = ValuesReader::readFile(path, layout.value());
    if (!opened) {
        m_welcome->setOpenStatus(tr("Could not open it: %1").arg(opened.error()));
        return false;
    }
    Answers merged = opened.value();
    const Answers current = answers();
    merged.domain = current.domain; // the values file does not name Pipekit's host
    merged.caBundleFile = current.caBundleFile;
    merged.proxyUrl = current.proxyUrl;
    showAnswers(merged);
    m_welcome->setOpenStatus(tr("Opened %1: its settings fill the pages. Access tokens are not in it; enter them again.").arg(path));
    return true;
}

void SetupWizard::resumeAt(int pageId)
{
    while (currentId() != pageId && currentId() != -1 && currentPage()->isComplete()) {
        const int before = currentId();
        next();
        if (currentId() == before)
            break;
    }
}

int SetupWizard::nextProviderPage(int after) const
{
    bool passed = after == ProvidersPageId;
    for (const auto &[id, provider] : m_providerPages) {
        if (passed && m_providers->isSelected(provider))
            return id;
        passed |= id == after;
    }
    return ReviewPageId;
}

int SetupWizard::providerPageId(int index)
{
    // The four built-in providers keep the numbers saved sessions hold; a provider registered
    // after them (a test's) gets one past the fixed pages.
    return GitHubPageId + index < ReviewPageId ? GitHubPageId + index : FinishPageId + 1 + index;
}

void SetupWizard::saveSession()
{
    if (!m_restored)
        return; // do not overwrite what is being restored
    m_session->save(answers(), currentId(), m_finish->folder());
}

} // namespace forgelink
