#pragma once

#include "settings/answers.h"

#include <QString>

#include <functional>

namespace forgelink {

class SecretStore;

// Keeps the wizard's answers between runs: everything but secrets in QSettings, the secrets in
// the keychain, so closing and reopening the wizard resumes where the admin left.
class WizardSession {
public:
    WizardSession(QString settingsFile, SecretStore &secrets);

    void save(const Answers &answers, int pageId, const QString &outputFolder);
    // The answers without secrets; `pageId` and `outputFolder` where the admin left.
    Answers load(int *pageId, QString *outputFolder) const;
    // Adds the secrets from the keychain to `answers`, then calls `done`.
    void addSecrets(Answers answers, std::function<void(const Answers &)> done);
    void clear();

    static QStringList secretKeys();

private:
    QString m_settingsFile;
    SecretStore &m_secrets;
};

} // namespace forgelink
