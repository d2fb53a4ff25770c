#pragma once

#include "settings/answers.h"

#include <QWizardPage>

#include <functional>

class QLabel;

namespace forgelink {

// A wizard page that shows part of the answers and collects the admin's changes to them. The
// wizard builds the whole Answers from its pages; common judges and writes them.
class AnswersPage : public QWizardPage {
    Q_OBJECT

public:
    explicit AnswersPage(QWidget *parent = nullptr);

    virtual void readAnswers(const Answers &answers) = 0;
    virtual void writeAnswers(Answers &answers) const = 0;
    // Whether the page asks for secrets (tokens, keys, webhook secrets).
    virtual bool asksForSecrets() const { return false; }

    // Resumed without a keychain: the secrets of the last session were not kept. A page that asks
    // for secrets says so at its top, where the admin sees the empty fields.
    void showSecretsNotKept(const QString &reason);

    // What Next waits for, in words, or empty when the page is complete: by default the first
    // field that is not fine, named by its label ("Host name: is required").
    virtual QString whyIncomplete() const;

    // Where Next goes, when the wizard decides it (the pages of the chosen providers).
    void setNextId(std::function<int()> nextId) { m_nextId = std::move(nextId); }
    int nextId() const override { return m_nextId ? m_nextId() : QWizardPage::nextId(); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    // The line at the page's foot that says why Next is greyed, kept in step with the page.
    void showWhyIncomplete();

    std::function<int()> m_nextId;
    QLabel *m_secretsNote = nullptr;
    QLabel *m_waiting = nullptr;
};

} // namespace forgelink
