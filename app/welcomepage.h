#pragma once

#include <QWizardPage>

class QLabel;

namespace forgelink {

// Says what the wizard produces and what the admin needs at hand; offers to open an existing
// values file for editing, and tells whether secrets can be kept in a keychain.
class WelcomePage : public QWizardPage {
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setKeychainStatus(const QString &text);
    void setOpenStatus(const QString &text);

Q_SIGNALS:
    void openValuesRequested(const QString &path);

private:
    QLabel *m_keychain;
    QLabel *m_opened;
};

} // namespace forgelink
