#pragma once

#include <QWizardPage>

namespace forgelink {

// Says what the wizard produces and what the admin needs at hand.
class WelcomePage : public QWizardPage {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);
};

} // namespace forgelink
