#pragma once

#include "settings/answers.h"

#include <QWizardPage>

#include <functional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace forgelink {

// Everything that will be written, as it will be written, with the secrets masked until the
// admin asks to see them. Problems common finds in the answers are listed here and block Next.
class ReviewPage : public QWizardPage {
    Q_OBJECT

public:
    ReviewPage(std::function<Answers()> answers, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

private:
    void render();

    std::function<Answers()> m_answers;
    QLabel *m_problems;
    QPlainTextEdit *m_values;
    QPlainTextEdit *m_agent;
    QCheckBox *m_reveal;
    bool m_valid = false;
};

} // namespace forgelink
