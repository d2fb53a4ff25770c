// Saves a PNG of every wizard page, filled with sample answers: scripts/screenshots.sh runs it
// under xvfb-run so the pages render as on a real desktop.
#include "setupwizard.h"
#include "testkeys.h"
#include "testpaths.h"

#include <QApplication>
#include <QPushButton>
#include <QLineEdit>
#include <QDir>
#include <QTemporaryDir>
#include <QTimer>

using namespace forgelink;
using namespace forgelink::test;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots");
    QDir().mkpath(out);
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("acme.pem"));
    TestPaths::writeFile(key, TestKeys::rsaPrivateKeyPem());

    Answers answers;
    answers.domain = QStringLiteral("pipekit.example.com");
    answers.eventsHandlerUrl = QStringLiteral("http://pipekit-events-handler.pipekit.svc.cluster.local:8080");
    answers.providers.insert(Provider::GitHub, { { QStringLiteral("organization"), QStringLiteral("acme") },
                                                 { QStringLiteral("appName"), QStringLiteral("Pipekit acme") },
                                                 { QStringLiteral("appId"), QStringLiteral("123456") },
                                                 { QStringLiteral("clientId"), QStringLiteral("Iv23liAbcDefGhiJkl12") },
                                                 { QStringLiteral("clientSecret"), QStringLiteral("sample-client-secret-not-real") },
                                                 { QStringLiteral("privateKeyFile"), key },
                                                 { QStringLiteral("webhookSecret"), QStringLiteral("sample-webhook-secret-not-real-0123") },
                                                 { QStringLiteral("apiUrl"), QStringLiteral("https://api.github.com") } });
    answers.providers.insert(Provider::GitLab, { { QStringLiteral("url"), QStringLiteral("https://gitlab.example.com") },
                                                 { QStringLiteral("token"), QStringLiteral("glpat-sample-not-real") } });
    answers.providers.insert(Provider::Bitbucket, { { QStringLiteral("url"), QStringLiteral("https://bitbucket.example.com") },
                                                    { QStringLiteral("token"), QStringLiteral("BBDC-sample-not-real") } });
    answers.providers.insert(Provider::AzureDevOps, { { QStringLiteral("organizationUrl"), QStringLiteral("https://dev.azure.com/acme") },
                                                      { QStringLiteral("token"), QStringLiteral("sample-pat-not-real") },
                                                      { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("pipekit") } });

    SetupWizard::Options options;
    options.settingsFile = dir.filePath(QStringLiteral("session.ini"));
    options.resume = false;
    SetupWizard wizard(options);
    wizard.showAnswers(answers);
    wizard.show();
    const QStringList names{ "1-welcome", "2-host", "3-providers", "4-github", "5-gitlab", "6-bitbucket", "7-azure-devops", "8-review", "9-finish",
                             "10-written" };
    int index = 0;
    std::function<void()> shoot = [&] {
        wizard.grab().save(QDir(out).filePath(names.at(index) + QStringLiteral(".png")));
        ++index;
        if (index >= names.size()) {
            app.quit();
            return;
        }
        if (wizard.currentId() == SetupWizard::FinishPageId) {
            // The last page once the files are written: the helm command and how to run the agent.
            wizard.currentPage()->findChild<QLineEdit *>(QStringLiteral("outputFolder"))->setText(dir.filePath(QStringLiteral("out")));
            wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("writeFiles"))->click();
        } else {
            wizard.next();
        }
        QTimer::singleShot(300, &app, shoot);
    };
    QTimer::singleShot(800, &app, shoot);
    return app.exec();
}
