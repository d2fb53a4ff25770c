#pragma once

#include "answerspage.h"
#include "providers/provider.h"

#include <functional>

class QComboBox;

namespace forgelink {

class CheckedLineEdit;
class VerifyPanel;

// GitLab, Bitbucket Data Center or Azure DevOps: the server's URL, an access token with the
// scopes Pipekit needs, the webhook secret (or Azure's Basic auth pair and, for Azure DevOps
// Server, its release), and Verify.
class TokenProviderPage : public AnswersPage {
    Q_OBJECT

public:
    TokenProviderPage(Provider provider, std::function<Answers()> answers, QWidget *parent = nullptr);

    bool isComplete() const override;
    int nextId() const override;
    void readAnswers(const Answers &answers) override;
    void writeAnswers(Answers &answers) const override;
    bool asksForSecrets() const override { return true; }

    void setNextId(std::function<int()> nextId) { m_nextId = std::move(nextId); }

private:
    QList<CheckedLineEdit *> edits() const;

    Provider m_provider;
    std::function<int()> m_nextId;
    CheckedLineEdit *m_url;
    CheckedLineEdit *m_token;
    CheckedLineEdit *m_user = nullptr;
    QComboBox *m_apiVersion = nullptr; // Azure DevOps Server's release
    CheckedLineEdit *m_secret;
    VerifyPanel *m_verify;
};

} // namespace forgelink
