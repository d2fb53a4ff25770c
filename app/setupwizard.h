#pragma once

#include "settings/answers.h"

#include <QList>
#include <QPair>

#include <QWizard>

#include <memory>

namespace forgelink {

class AnswersPage;
class FinishPage;
class ProvidersPage;
class SecretStore;
class WelcomePage;
class WizardSession;

// The guided set-up: one page per step, branching in nextId() over the chosen providers. Pages
// collect and show; common judges, generates and writes. The answers are kept between runs.
class SetupWizard : public QWizard {
    Q_OBJECT

public:
    enum PageId { WelcomePageId, HostPageId, ProvidersPageId, GitHubPageId, GitLabPageId, BitbucketPageId,
                  AzureDevOpsPageId, ReviewPageId, FinishPageId };

    struct Options {
        QString settingsFile;                                 // empty: the user's settings folder
        QString keychainService = QStringLiteral("forgelink-wizard");
        bool resume = true;
    };

    explicit SetupWizard(QWidget *parent = nullptr);
    explicit SetupWizard(const Options &options, QWidget *parent = nullptr);
    ~SetupWizard() override;

    Answers answers() const;
    void showAnswers(const Answers &answers);
    bool openValuesFile(const QString &path);
    // Moves forward through the filled pages to `pageId`, stopping at the first incomplete one.
    void resumeAt(int pageId);
    // Emitted once the keychain answered and saved answers (with secrets) are shown.
    bool isRestored() const { return m_restored; }

Q_SIGNALS:
    void restored();

private:
    int nextProviderPage(int after) const;
    static int providerPageId(int index);
    void saveSession();

    QList<AnswersPage *> m_pages;
    QList<QPair<int, Provider>> m_providerPages; // in the registry's order
    WelcomePage *m_welcome;
    ProvidersPage *m_providers;
    FinishPage *m_finish;
    SecretStore *m_secrets;
    std::unique_ptr<WizardSession> m_session;
    bool m_restored = false;
};

} // namespace forgelink
