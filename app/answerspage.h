#pragma once

#include "config/answers.h"

#include <QWizardPage>

namespace forgelink {

// A wizard page that shows part of the answers and collects the admin's changes to them. The
// wizard builds the whole Answers from its pages; common judges and writes them.
class AnswersPage : public QWizardPage {
    Q_OBJECT

public:
    using QWizardPage::QWizardPage;

    virtual void readAnswers(const Answers &answers) = 0;
    virtual void writeAnswers(Answers &answers) const = 0;
};

} // namespace forgelink
