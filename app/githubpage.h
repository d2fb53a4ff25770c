#pragma once

#include "answerspage.h"
#include "providers/github/githubmanifest.h"

#include <functional>

class QLabel;
class QPushButton;

namespace forgelink {

class CheckedLineEdit;
class CopyableValue;
class ManifestFlow;
class VerifyPanel;

// GitHub: Pipekit's manual path as a checklist (the values to enter on GitHub, each with a copy
// button, the permissions and events to tick, a link to the New GitHub App page), then the
// App's details, and Verify.
class GitHubPage : public AnswersPage {
    Q_OBJECT

public:
    GitHubPage(std::function<Answers()> answers, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    void readAnswers(const Answers &answers) override;
    void writeAnswers(Answers &answers) const override;
    bool asksForSecrets() const override { return true; }

    ManifestFlow *manifestFlow() const { return m_manifest; }

private:
    QUrl newAppUrl() const;
    void startManifestFlow();
    void manifestFinished(const GitHubManifest::App &app);

    std::function<Answers()> m_answers;
    CheckedLineEdit *m_organization;
    CheckedLineEdit *m_apiUrl;
    CopyableValue *m_homepage;
    CopyableValue *m_callback;
    CopyableValue *m_ssoCallback;
    CopyableValue *m_webhook;
    CopyableValue *m_webhookSecretCopy;
    QLabel *m_permissions;
    QPushButton *m_openGitHub;
    CheckedLineEdit *m_appName;
    CheckedLineEdit *m_appId;
    CheckedLineEdit *m_clientId;
    CheckedLineEdit *m_clientSecret;
    CheckedLineEdit *m_privateKey;
    CheckedLineEdit *m_webhookSecret;
    VerifyPanel *m_verify;
    QByteArray m_loadedPem;
    ManifestFlow *m_manifest;
    QPushButton *m_create;
    QPushButton *m_cancelCreate;
    QLabel *m_createStatus;
};

} // namespace forgelink
