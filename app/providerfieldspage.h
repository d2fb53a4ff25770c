#pragma once

#include "answerspage.h"
#include "core/provider.h"
#include "settings/providerfield.h"

#include <QList>

#include <functional>

class QComboBox;
class QFormLayout;

namespace forgelink {

class CheckedLineEdit;
class VerifyPanel;

// A provider's page made from the fields it declares (GitProvider::answerFields()): a line per
// field, checked as it is typed, secrets hidden, a generated webhook secret with Regenerate, a
// choice shown only when it applies, and Verify. GitLab, Bitbucket Data Center and Azure DevOps
// use it; GitHub has a page of its own for the App it creates.
class ProviderFieldsPage : public AnswersPage {
    Q_OBJECT

public:
    ProviderFieldsPage(Provider provider, std::function<Answers()> answers, QWidget *parent = nullptr);

    bool isComplete() const override;
    void readAnswers(const Answers &answers) override;
    void writeAnswers(Answers &answers) const override;
    bool asksForSecrets() const override { return true; }

private:
    // One declared field and the widget that asks for it.
    struct FieldInput {
        ProviderField field;
        CheckedLineEdit *edit = nullptr;
        QComboBox *choice = nullptr;
    };

    // What the page holds now, as the provider's answers (for checks and rules that look at
    // other fields), with a hidden choice left out.
    ProviderAnswers currentValues() const;
    void fieldChanged();
    void showApplicableChoices();

    Provider m_provider;
    QList<FieldInput> m_inputs;
    QFormLayout *m_form;
    VerifyPanel *m_verify;
};

} // namespace forgelink
