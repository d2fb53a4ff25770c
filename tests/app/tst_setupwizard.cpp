#include "providers/providerregistry.h"
#include "checkedlineedit.h"
#include "commandblock.h"
#include "copyablevalue.h"
#include "fakeproviderapi.h"
#include "githubpage.h"
#include "manifestbrowser.h"
#include "manifestflow.h"
#include "secretstore.h"
#include "config/setupgenerator.h"
#include "setupwizard.h"
#include "testkeys.h"
#include "providerfieldspage.h"
#include "testpaths.h"
#include "verifypanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QJsonObject>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTextCursor>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

using namespace forgelink;
using namespace forgelink::test;

// Drives the wizard offscreen, as an admin would with the keyboard and mouse.
class tst_SetupWizard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FakeProviderApi> m_github;
    std::unique_ptr<FakeProviderApi> m_gitlab;
    int m_sessions = 0;

    SetupWizard::Options options(bool resume, const QString &name = QString())
    {
        SetupWizard::Options options;
        options.settingsFile = m_dir.filePath((name.isEmpty() ? QStringLiteral("session%1").arg(++m_sessions) : name) + QStringLiteral(".ini"));
        options.keychainService = QStringLiteral("forgelink-test-") + QFileInfo(options.settingsFile).baseName();
        options.resume = resume;
        return options;
    }

    static void type(QWizard &wizard, const QString &field, const QString &text)
    {
        auto *edit = wizard.currentPage()->findChild<CheckedLineEdit *>(field);
        QVERIFY2(edit, qPrintable(field));
        edit->lineEdit()->clear();
        QTest::keyClicks(edit->lineEdit(), text);
    }

    static CheckedLineEdit *edit(QWizard &wizard, const QString &field)
    {
        return wizard.currentPage()->findChild<CheckedLineEdit *>(field);
    }

    static bool nextEnabled(QWizard &wizard) { return wizard.button(QWizard::NextButton)->isEnabled(); }

    static VerifyPanel *verify(QWizard &wizard) { return wizard.currentPage()->findChild<VerifyPanel *>(); }

    // The GitHub page of organization acme against the fake GitHub: where the manifest flow starts.
    void toAcmesGitHubPage(SetupWizard &wizard)
    {
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        fillToGitHub(wizard);
        type(wizard, QStringLiteral("github.organization"), QStringLiteral("acme"));
        type(wizard, QStringLiteral("github.apiUrl"), m_github->baseUrl());
    }

    void fillToGitHub(SetupWizard &wizard, const QString &eventsHandler = {})
    {
        QCOMPARE(wizard.currentId(), int(SetupWizard::WelcomePageId));
        wizard.next();
        type(wizard, QStringLiteral("domain"), QStringLiteral("pipekit.example.com"));
        QVERIFY(nextEnabled(wizard));
        if (!eventsHandler.isEmpty()) {
            // The optional events handler: a path is refused where it is typed.
            type(wizard, QStringLiteral("eventsHandler"), eventsHandler + QStringLiteral("/api"));
            QVERIFY(!nextEnabled(wizard));
            QVERIFY(edit(wizard, QStringLiteral("eventsHandler"))->problem().contains(QStringLiteral("must not have a path")));
            type(wizard, QStringLiteral("eventsHandler"), eventsHandler);
            QVERIFY(nextEnabled(wizard));
        }
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::ProvidersPageId));
        QVERIFY(!nextEnabled(wizard)); // no provider chosen yet
        wizard.currentPage()->findChild<QCheckBox *>(QStringLiteral("use.github"))->setChecked(true);
        wizard.currentPage()->findChild<QCheckBox *>(QStringLiteral("use.gitlab"))->setChecked(true);
        QVERIFY(nextEnabled(wizard));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::GitHubPageId));
    }

    void fillGitHub(SetupWizard &wizard)
    {
        type(wizard, QStringLiteral("github.organization"), QStringLiteral("acme"));
        type(wizard, QStringLiteral("github.apiUrl"), m_github->baseUrl());
        type(wizard, QStringLiteral("github.appName"), QStringLiteral("Pipekit acme"));
        type(wizard, QStringLiteral("github.appId"), m_github->appId);
        type(wizard, QStringLiteral("github.clientId"), QStringLiteral("Iv23liFakeClient"));
        type(wizard, QStringLiteral("github.clientSecret"), QStringLiteral("client-secret-0123456789abcdef"));
        type(wizard, QStringLiteral("github.privateKeyFile"), m_dir.filePath(QStringLiteral("app.pem")));
    }

    // The widgets Tab visits on the current page, in order, starting from its first.
    static QList<QWidget *> tabChain(QWizard &wizard)
    {
        QWidget *page = wizard.currentPage();
        QList<QWidget *> chain;
        QWidget *widget = page;
        for (int guard = 0; guard < 1000; ++guard) {
            widget = widget->nextInFocusChain();
            if (widget == page)
                break;
            if (page->isAncestorOf(widget) && widget->isVisibleTo(page) && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus)
                && !widget->focusProxy() && !chain.contains(widget))
                chain << widget;
        }
        return chain;
    }

    // Reading order: each widget is below the one before, or on its row and to its right.
    static QString outOfOrder(QWizard &wizard)
    {
        const QList<QWidget *> chain = tabChain(wizard);
        for (qsizetype i = 1; i < chain.size(); ++i) {
            const QPoint before = chain[i - 1]->mapTo(wizard.currentPage(), QPoint());
            const QPoint here = chain[i]->mapTo(wizard.currentPage(), QPoint());
            const bool sameRow = std::abs(here.y() - before.y()) < chain[i - 1]->height() / 2 + 4;
            if (sameRow ? here.x() <= before.x() : here.y() < before.y())
                return QStringLiteral("%1 (%2,%3) after %4 (%5,%6)")
                        .arg(chain[i]->objectName().isEmpty() ? QString::fromLatin1(chain[i]->metaObject()->className()) : chain[i]->objectName())
                        .arg(here.x()).arg(here.y())
                        .arg(chain[i - 1]->objectName().isEmpty() ? QString::fromLatin1(chain[i - 1]->metaObject()->className()) : chain[i - 1]->objectName())
                        .arg(before.x()).arg(before.y());
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestPaths::writeFile(m_dir.filePath(QStringLiteral("app.pem")), TestKeys::rsaPrivateKeyPem()));
        m_github = std::make_unique<FakeProviderApi>(Provider::GitHub);
        m_github->githubPublicKeyPem = TestKeys::rsaPublicKeyPem();
        m_gitlab = std::make_unique<FakeProviderApi>(Provider::GitLab);
        QVERIFY(m_github->start());
        QVERIFY(m_gitlab->start());
    }

    void fromStartToFinishWithGitHubAndGitLab()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        fillToGitHub(wizard, QStringLiteral("http://pipekit-events-handler.pipekit.svc.cluster.local:8080"));
        // The checklist shows what to enter on GitHub, derived from the host.
        const QStringList values = [&] {
            QStringList list;
            for (QLineEdit *line : wizard.currentPage()->findChildren<QLineEdit *>())
                if (line->isReadOnly())
                    list << line->text();
            return list;
        }();
        QVERIFY(values.contains(QStringLiteral("https://pipekit.example.com/api/events-handler/v1/events/github")));
        QVERIFY(values.contains(QStringLiteral("https://pipekit.example.com/api/id/v1/sso/github/callback")));
        fillGitHub(wizard);
        QVERIFY(nextEnabled(wizard));
        const QString webhookSecret = edit(wizard, QStringLiteral("github.webhookSecret"))->text();
        QCOMPARE(webhookSecret.size(), 48);

        QTest::mouseClick(wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("verify")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!verify(wizard)->isRunning(), 15'000);
        QVERIFY2(verify(wizard)->resultText().contains(QStringLiteral("Verified.")), qPrintable(verify(wizard)->resultText()));
        // The outcome is scrolled into view on the long GitHub page.
        auto *scroll = wizard.currentPage()->findChild<QScrollArea *>();
        auto *result = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("verifyResult"));
        QVERIFY(scroll && result);
        QTRY_VERIFY2(scroll->viewport()->rect().contains(QRect(result->mapTo(scroll->viewport(), QPoint()), QSize(1, result->height()))),
                     qPrintable(QStringLiteral("result at %1, height %2; viewport height %3, scrolled %4 of %5, content %6")
                                        .arg(result->mapTo(scroll->viewport(), QPoint()).y())
                                        .arg(result->height())
                                        .arg(scroll->viewport()->height())
                                        .arg(scroll->verticalScrollBar()->value())
                                        .arg(scroll->verticalScrollBar()->maximum())
                                        .arg(scroll->widget()->height())));
        QCOMPARE(result->accessibleDescription().isEmpty(), false);
        QCOMPARE(verify(wizard)->nextStepUrl(), QStringLiteral("http://127.0.0.1:%1/apps/pipekit-acme/installations/new")
                                                      .arg(QUrl(m_github->baseUrl()).port()));
        wizard.next();

        QCOMPARE(wizard.currentId(), int(SetupWizard::GitLabPageId));
        type(wizard, QStringLiteral("gitlab.url"), m_gitlab->baseUrl());
        type(wizard, QStringLiteral("gitlab.token"), QString::fromUtf8(m_gitlab->token));
        QTest::mouseClick(wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("verify")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!verify(wizard)->isRunning(), 15'000);
        QVERIFY2(verify(wizard)->resultText().contains(QStringLiteral("Verified.")), qPrintable(verify(wizard)->resultText()));
        wizard.next();

        QCOMPARE(wizard.currentId(), int(SetupWizard::ReviewPageId));
        QVERIFY(nextEnabled(wizard));
        auto *review = wizard.currentPage()->findChild<QPlainTextEdit *>(QStringLiteral("reviewValues"));
        QVERIFY(review->toPlainText().contains(QStringLiteral("appId: 424242")));
        QVERIFY(!review->toPlainText().contains(webhookSecret)); // masked
        QVERIFY(!review->toPlainText().contains(QStringLiteral("client-secret-0123456789abcdef")));
        wizard.currentPage()->findChild<QCheckBox *>()->setChecked(true);
        QVERIFY(review->toPlainText().contains(webhookSecret)); // revealed on request
        wizard.next();

        QCOMPARE(wizard.currentId(), int(SetupWizard::FinishPageId));
        QVERIFY(!wizard.button(QWizard::FinishButton)->isEnabled());
        const QString out = m_dir.filePath(QStringLiteral("out"));
        auto *folder = wizard.currentPage()->findChild<QLineEdit *>(QStringLiteral("outputFolder"));
        folder->setText(out);
        QTest::mouseClick(wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("writeFiles")), Qt::LeftButton);
        QVERIFY2(wizard.button(QWizard::FinishButton)->isEnabled(),
                 qPrintable(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("writeStatus"))->text()));

        // Then: the helm command whole, and how to run the agent for each way it is deployed.
        auto *page = wizard.currentPage();
        auto *helm = page->findChild<CommandBlock *>(QStringLiteral("helmCommand"));
        QVERIFY(helm->isVisible());
        QCOMPARE(helm->commands(), SetupGenerator::helmCommand(QDir(out).filePath(QStringLiteral("values.yaml"))));
        auto *helmText = helm->findChild<QPlainTextEdit *>();
        QTest::qWait(0); // the block fits its height once the layout has settled
        QTextCursor end(helmText->document());
        end.movePosition(QTextCursor::End);
        QVERIFY2(helmText->cursorRect(end).bottom() <= helmText->viewport()->height(), "the helm command is cut off below");
        QVERIFY2(helmText->cursorRect(end).right() <= helmText->viewport()->width(), "the helm command is cut off at the side");
        QCOMPARE(helmText->verticalScrollBar()->maximum(), 0);
        QVERIFY2(page->findChild<CommandBlock *>(QStringLiteral("kubernetesCommands"))->commands().contains(
                         QStringLiteral("kubectl apply -n pipekit -f %1/kubernetes/forgelink-secrets.yaml").arg(out)),
                 "the Kubernetes commands name the Secret the wizard wrote");
        QVERIFY(page->findChild<CommandBlock *>(QStringLiteral("systemdCommands"))->commands().contains(
                QStringLiteral("%1/agent.yaml /etc/forgelink/agent.yaml").arg(out)));
        QVERIFY(page->findChild<CommandBlock *>(QStringLiteral("containerCommands"))->commands().contains(QStringLiteral("docker run")));
        QTest::mouseClick(helm->findChild<QPushButton *>(QStringLiteral("copyCommands")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), helm->commands());

        // The same files with a deployment: a kustomization to apply, named in the Kubernetes tab.
        auto *target = page->findChild<QComboBox *>(QStringLiteral("deployTarget"));
        target->setCurrentIndex(target->findData(QStringLiteral("kubernetes")));
        auto *image = page->findChild<QLineEdit *>(QStringLiteral("deployImage"));
        QVERIFY(image->isEnabled());
        image->setText(QStringLiteral("forgelink-agent:latest"));
        page->findChild<QCheckBox *>(QStringLiteral("replaceFiles"))->setChecked(true);
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("writeFiles")), Qt::LeftButton);
        QVERIFY2(page->findChild<QLabel *>(QStringLiteral("writeStatus"))->text().contains(QStringLiteral("deploy.image: must name a fixed tag")),
                 qPrintable(page->findChild<QLabel *>(QStringLiteral("writeStatus"))->text()));
        image->setText(QStringLiteral("registry.acme.test/forgelink-agent:0.1.0"));
        page->findChild<QLineEdit *>(QStringLiteral("deployTlsSecret"))->setText(QStringLiteral("pipekit-tls"));
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("writeFiles")), Qt::LeftButton);
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("kubernetes/kustomization.yaml"))));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("kubernetes/persistentvolumeclaim.yaml"))));
        QVERIFY(TestPaths::readFile(QDir(out).filePath(QStringLiteral("kubernetes/deployment.yaml"))).contains("registry.acme.test/forgelink-agent:0.1.0"));
        QVERIFY2(page->findChild<CommandBlock *>(QStringLiteral("kubernetesCommands"))->commands().startsWith(
                         QStringLiteral("kubectl apply -k %1/kubernetes").arg(out)),
                 qPrintable(page->findChild<CommandBlock *>(QStringLiteral("kubernetesCommands"))->commands()));

        for (const char *name : { "values.yaml", "agent.yaml" }) {
            struct stat status {};
            QCOMPARE(::stat(QFile::encodeName(QDir(out).filePath(QLatin1String(name))).constData(), &status), 0);
            QCOMPARE(status.st_mode & 07777, mode_t(0600));
        }
        const YAML::Node written = YAML::LoadFile(QDir(out).filePath(QStringLiteral("values.yaml")).toStdString());
        QCOMPARE(written["gitProviders"]["github"]["appId"].as<int>(), 424242);
        QCOMPARE(QString::fromStdString(written["gitProviders"]["github"]["webhookSecret"].Scalar()), webhookSecret);
        QCOMPARE(QByteArray::fromStdString(written["gitProviders"]["github"]["privateKey"].Scalar()), TestKeys::rsaPrivateKeyPem());
        QCOMPARE(written["gitProviders"]["gitlab"]["enabled"].as<bool>(), true);
        QCOMPARE(written["gitProviders"]["bitbucket"]["enabled"].as<bool>(), false);
        const YAML::Node agent = YAML::LoadFile(QDir(out).filePath(QStringLiteral("agent.yaml")).toStdString());
        QCOMPARE(QString::fromStdString(agent["providers"]["gitlab"]["token"].Scalar()), QString::fromUtf8(m_gitlab->token));
        // The agent forwards to Pipekit's events handler.
        QCOMPARE(QString::fromStdString(agent["forward"][0]["url"].Scalar()),
                 QStringLiteral("http://pipekit-events-handler.pipekit.svc.cluster.local:8080"));
    }

    // Tab follows each page's form from top to bottom; the GitLab page works by keyboard alone.
    void keyboardFollowsTheForm()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QVERIFY(QTest::qWaitForWindowActive(&wizard));
        QTRY_VERIFY(wizard.isRestored());
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("welcome: ") + outOfOrder(wizard)));
        wizard.next();
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("host: ") + outOfOrder(wizard)));
        wizard.back();
        fillToGitHub(wizard);
        wizard.back();
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("providers: ") + outOfOrder(wizard)));
        wizard.next();
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("github: ") + outOfOrder(wizard)));
        fillGitHub(wizard);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::GitLabPageId));
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("gitlab: ") + outOfOrder(wizard)));

        // By keyboard: the first field has the focus; type, Tab, type, Tab to Verify, Space.
        QTRY_VERIFY(QApplication::focusWidget());
        QCOMPARE(QApplication::focusWidget(), edit(wizard, QStringLiteral("gitlab.url"))->lineEdit());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier); // over the suggested gitlab.com
        QTest::keyClicks(QApplication::focusWidget(), m_gitlab->baseUrl());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), edit(wizard, QStringLiteral("gitlab.token"))->lineEdit());
        QTest::keyClicks(QApplication::focusWidget(), QString::fromUtf8(m_gitlab->token));
        auto *verifyButton = wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("verify"));
        for (int presses = 0; presses < 10 && QApplication::focusWidget() != verifyButton; ++presses)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), verifyButton);
        QTest::keyClick(verifyButton, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!verify(wizard)->isRunning(), 15'000);
        QVERIFY2(verify(wizard)->resultText().contains(QStringLiteral("Verified.")), qPrintable(verify(wizard)->resultText()));
        // Alt+N is Next in QWizard's classic style; Return works in every style.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(wizard.currentId(), int(SetupWizard::ReviewPageId));
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("review: ") + outOfOrder(wizard)));
        wizard.next();
        QVERIFY2(outOfOrder(wizard).isEmpty(), qPrintable(QStringLiteral("finish: ") + outOfOrder(wizard)));
        // Reached without an events handler: a deployment that takes Pipekit's webhook paths is
        // refused, saying why, and nothing is written.
        auto *page = wizard.currentPage();
        page->findChild<QLineEdit *>(QStringLiteral("outputFolder"))->setText(m_dir.filePath(QStringLiteral("no-handler")));
        auto *target = page->findChild<QComboBox *>(QStringLiteral("deployTarget"));
        target->setCurrentIndex(target->findData(QStringLiteral("kubernetes")));
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("writeFiles")), Qt::LeftButton);
        const QString status = page->findChild<QLabel *>(QStringLiteral("writeStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("eventsHandler: is required with deploy.target kubernetes")), qPrintable(status));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no-handler/values.yaml"))));
    }

    // Next greyed says why, at the page's foot: an empty host page, no provider ticked.
    void nextSaysWhatItWaitsFor()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        wizard.next();
        type(wizard, QStringLiteral("domain"), QString());
        QVERIFY(!nextEnabled(wizard));
        auto *why = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("whyIncomplete"));
        QVERIFY(why);
        QTRY_VERIFY(why->isVisible());
        QCOMPARE(why->text(), QStringLiteral("Next waits for Host name: is required: the host name Pipekit is reached at, e.g. pipekit.example.com"));
        type(wizard, QStringLiteral("domain"), QStringLiteral("pipekit.example.com"));
        QVERIFY(nextEnabled(wizard));
        QVERIFY(!why->isVisible());
        wizard.next();
        for (QCheckBox *box : wizard.currentPage()->findChildren<QCheckBox *>())
            box->setChecked(false);
        QVERIFY(!nextEnabled(wizard));
        auto *providers = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("whyIncomplete"));
        QVERIFY(providers);
        QCOMPARE(providers->text(), QStringLiteral("Next waits for a provider: tick at least one."));
        QVERIFY(providers->isVisible());
    }

    void validationMessagesAndNext_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problem");
        QTest::newRow("scheme") << "https://pipekit.example.com"
                                << "must be a host name without a scheme, e.g. pipekit.example.com, got \"https://pipekit.example.com\"";
        QTest::newRow("empty label") << "pipekit..example.com" << "has an empty label (two dots, or a dot at either end): \"pipekit..example.com\"";
        QTest::newRow("space") << "pipe kit" << "must not contain spaces, got \"pipe kit\"";
        // A message that wraps to a second line moves nothing either.
        const QString longUrl = QStringLiteral("https://pipekit.example.com/a/path/long/enough/that/the/message/takes/two/lines/on/the/page");
        QTest::newRow("two lines") << longUrl
                                   << QStringLiteral("must be a host name without a scheme, e.g. pipekit.example.com, got \"%1\"").arg(longUrl);
    }
    void validationMessagesAndNext()
    {
        QFETCH(QString, text);
        QFETCH(QString, problem);
        SetupWizard wizard(options(false));
        wizard.show();
        wizard.next();
        // The field below stays where it was when the message appears: the next click lands on it.
        QWidget *below = wizard.currentPage()->findChild<QWidget *>(QStringLiteral("eventsHandler"));
        QVERIFY(below);
        QCoreApplication::processEvents();
        const int yBefore = below->mapTo(wizard.currentPage(), QPoint()).y();
        type(wizard, QStringLiteral("domain"), text);
        QVERIFY(!nextEnabled(wizard));
        auto *message = wizard.currentPage()->findChild<QLabel *>(QStringLiteral("domain.problem"));
        QCOMPARE(message->text(), problem);
        QVERIFY(message->isVisible());
        QCoreApplication::processEvents();
        QCOMPARE(below->mapTo(wizard.currentPage(), QPoint()).y(), yBefore);
        if (QByteArray(QTest::currentDataTag()) == "two lines")
            QVERIFY2(message->heightForWidth(message->width()) > message->fontMetrics().lineSpacing() * 3 / 2,
                     "the message must take two lines for this case to mean anything");
    }

    void gitHubPageFieldMessages()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        fillToGitHub(wizard);
        fillGitHub(wizard);
        type(wizard, QStringLiteral("github.appId"), QStringLiteral("12a"));
        QVERIFY(!nextEnabled(wizard));
        QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("github.appId.problem"))->text(),
                 QStringLiteral("must be a number, got \"12a\""));
        type(wizard, QStringLiteral("github.appId"), QStringLiteral("424242"));
        TestPaths::writeFile(m_dir.filePath(QStringLiteral("public.pem")), TestKeys::rsaPublicKeyPem());
        type(wizard, QStringLiteral("github.privateKeyFile"), m_dir.filePath(QStringLiteral("public.pem")));
        QVERIFY(!nextEnabled(wizard));
        QVERIFY(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("github.privateKeyFile.problem"))->text().contains(QStringLiteral("is a public key")));
    }

    // Azure DevOps Server speaks an older REST API: its release is asked for a server URL only.
    void azureServerReleaseSetsTheApiVersion()
    {
        ProviderFieldsPage page(Provider::AzureDevOps, [] { return Answers(); });
        page.show();
        auto *url = page.findChild<CheckedLineEdit *>(QStringLiteral("azureDevOps.organizationUrl"));
        auto *release = page.findChild<QComboBox *>(QStringLiteral("azureDevOps.apiVersion"));
        QVERIFY(url && release);
        url->setText(QStringLiteral("https://dev.azure.com/acme"));
        QVERIFY(!release->isVisible());
        Answers answers;
        ProviderRegistry::enable(answers, Provider::AzureDevOps);
        page.writeAnswers(answers);
        QCOMPARE(answers.provider(Provider::AzureDevOps)->value(QStringLiteral("apiVersion")), QStringLiteral("7.1"));
        url->setText(QStringLiteral("https://tfs.example.com/DefaultCollection"));
        QVERIFY(release->isVisible());
        QCOMPARE(release->currentData().toString(), QStringLiteral("7.0")); // Server 2022, the newest
        release->setCurrentIndex(release->findData(QStringLiteral("6.0")));
        page.writeAnswers(answers);
        QCOMPARE(answers.provider(Provider::AzureDevOps)->value(QStringLiteral("apiVersion")), QStringLiteral("6.0"));
        QVERIFY(release->currentText().contains(QStringLiteral("Azure DevOps Server 2020")));
    }

    // By hand, the admin must paste the webhook secret into GitHub: it is shown in full beside the
    // other values, with Copy, and follows the secret field.
    void gitHubManualPathShowsTheWebhookSecret()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        fillToGitHub(wizard);
        auto *shown = wizard.currentPage()->findChild<CopyableValue *>(QStringLiteral("webhookSecretToCopy"));
        QVERIFY(shown);
        QCOMPARE(shown->value(), edit(wizard, QStringLiteral("github.webhookSecret"))->text());
        QCOMPARE(shown->value().size(), 48);
        QVERIFY(shown->findChild<QPushButton *>());
        type(wizard, QStringLiteral("github.webhookSecret"), QStringLiteral("typed-webhook-secret-0123456789"));
        QCOMPARE(shown->value(), QStringLiteral("typed-webhook-secret-0123456789"));
        bool saysWhere = false;
        for (const QLabel *label : wizard.currentPage()->findChildren<QLabel *>())
            saysWhere |= label->text().contains(QStringLiteral("\"Webhook secret\" field"));
        QVERIFY(saysWhere);
    }

    void failedAndCancelledChecks()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        fillToGitHub(wizard);
        fillGitHub(wizard);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(SetupWizard::GitLabPageId));
        type(wizard, QStringLiteral("gitlab.url"), m_gitlab->baseUrl());
        type(wizard, QStringLiteral("gitlab.token"), QStringLiteral("glpat-wrong"));
        auto *button = wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("verify"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!verify(wizard)->isRunning(), 15'000);
        QVERIFY2(verify(wizard)->resultText().contains(QStringLiteral("GitLab rejected the token (401)")), qPrintable(verify(wizard)->resultText()));

        // A missing scope is named.
        type(wizard, QStringLiteral("gitlab.token"), QString::fromUtf8(m_gitlab->token));
        m_gitlab->gitlabScopes = { QStringLiteral("read_api") };
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!verify(wizard)->isRunning(), 15'000);
        QVERIFY2(verify(wizard)->resultText().contains(QStringLiteral("lacks the &quot;api&quot; scope")), qPrintable(verify(wizard)->resultText()));
        m_gitlab->gitlabScopes = { QStringLiteral("api"), QStringLiteral("read_user"), QStringLiteral("read_repository") };

        // A slow provider: Next waits while the check runs; Cancel ends it.
        m_gitlab->pageDelayMs = 5000;
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(verify(wizard)->isRunning());
        QVERIFY(!nextEnabled(wizard));
        QTest::mouseClick(wizard.currentPage()->findChild<QPushButton *>(QStringLiteral("cancelCheck")), Qt::LeftButton);
        QVERIFY(!verify(wizard)->isRunning());
        QVERIFY(nextEnabled(wizard));
        QCOMPARE(verify(wizard)->resultText(), QStringLiteral("The check was cancelled."));
        m_gitlab->pageDelayMs = 0;
    }

    void resumesAfterRestart()
    {
        const SetupWizard::Options saved = options(true, QStringLiteral("resume"));
        {
            SetupWizard wizard(saved);
            wizard.show();
            QTRY_VERIFY(wizard.isRestored());
            fillToGitHub(wizard, QStringLiteral("http://pipekit-events-handler:8080"));
            fillGitHub(wizard);
            wizard.next(); // on to GitLab: the session is saved on every page change
            type(wizard, QStringLiteral("gitlab.url"), m_gitlab->baseUrl());
            wizard.back();
            wizard.next();
        }
        SetupWizard again(saved);
        again.show();
        QTRY_VERIFY_WITH_TIMEOUT(again.isRestored(), 10'000);
        const Answers answers = again.answers();
        QCOMPARE(answers.domain, QStringLiteral("pipekit.example.com"));
        QCOMPARE(answers.eventsHandlerUrl, QStringLiteral("http://pipekit-events-handler:8080"));
        QCOMPARE(answers.provider(Provider::GitHub)->value(QStringLiteral("appId")), QStringLiteral("424242"));
        QCOMPARE(answers.provider(Provider::GitLab)->value(QStringLiteral("url")), m_gitlab->baseUrl());
        SecretStore probe(saved.keychainService);
        bool available = false;
        bool answered = false;
        probe.probe([&](bool ok, const QString &) { available = ok; answered = true; });
        QTRY_VERIFY(answered);
        if (available) {
            QCOMPARE(answers.provider(Provider::GitHub)->value(QStringLiteral("clientSecret")), QStringLiteral("client-secret-0123456789abcdef")); // from the keychain
            QCOMPARE(again.currentId(), int(SetupWizard::GitLabPageId)); // where the admin left
            QVERIFY(!again.currentPage()->findChild<QLabel *>(QStringLiteral("secretsNotKept")));
        } else {
            QVERIFY(answers.provider(Provider::GitHub)->value(QStringLiteral("clientSecret")).isEmpty()); // never written anywhere else
            QCOMPARE(again.currentId(), int(SetupWizard::GitHubPageId)); // the first page that needs a secret again
            // The page with the empty secrets says why they are empty.
            auto *note = again.currentPage()->findChild<QLabel *>(QStringLiteral("secretsNotKept"));
            QVERIFY(note && note->isVisible());
            QVERIFY2(note->text().contains(QStringLiteral("no keychain was available")), qPrintable(note->text()));
        }
    }

    void prefillsFromAnExistingValuesFile()
    {
        Answers answers;
        answers.domain = QStringLiteral("pipekit.example.com");
        answers.providers.insert(Provider::GitHub, { { QStringLiteral("appName"), QStringLiteral("Existing App") },
                                                     { QStringLiteral("appId"), QStringLiteral("777") },
                                                     { QStringLiteral("clientId"), QStringLiteral("Iv23liExisting") },
                                                     { QStringLiteral("clientSecret"), QStringLiteral("existing-client-secret-123") },
                                                     { QStringLiteral("privateKey"), QString::fromUtf8(TestKeys::rsaPrivateKeyPem()) },
                                                     { QStringLiteral("webhookSecret"), QStringLiteral("existing-webhook-secret-0123456789") },
                                                     { QStringLiteral("apiUrl"), QStringLiteral("https://api.github.com") } });
        answers.providers.insert(Provider::AzureDevOps, { { QStringLiteral("organizationUrl"), QStringLiteral("https://dev.azure.com/acme") },
                                                          { QStringLiteral("token"), QStringLiteral("pat") },
                                                          { QStringLiteral("webhookBasicAuthUser"), QStringLiteral("hooks") },
                                                          { QStringLiteral("webhookBasicAuthPass"), QStringLiteral("existing-basic-password-0123") } });
        const auto output = SetupGenerator::generate(answers, ValuesLayout::builtIn().value());
        QVERIFY(output);
        const QString path = m_dir.filePath(QStringLiteral("existing-values.yaml"));
        TestPaths::writeFile(path, output->valuesYaml);

        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        QVERIFY(wizard.openValuesFile(path));
        const Answers shown = wizard.answers();
        QVERIFY(shown.isEnabled(Provider::GitHub) && shown.isEnabled(Provider::AzureDevOps) && !shown.isEnabled(Provider::GitLab));
        QCOMPARE(shown.provider(Provider::GitHub)->value(QStringLiteral("appName")), QStringLiteral("Existing App"));
        QCOMPARE(shown.provider(Provider::GitHub)->value(QStringLiteral("appId")), QStringLiteral("777"));
        QCOMPARE(shown.provider(Provider::GitHub)->value(QStringLiteral("webhookSecret")), QStringLiteral("existing-webhook-secret-0123456789"));
        QCOMPARE(shown.provider(Provider::GitHub)->value(QStringLiteral("privateKey")).toUtf8(), TestKeys::rsaPrivateKeyPem()); // the key travels with the values
        QCOMPARE(shown.provider(Provider::AzureDevOps)->value(QStringLiteral("webhookBasicAuthUser")), QStringLiteral("hooks"));
        QCOMPARE(shown.provider(Provider::AzureDevOps)->value(QStringLiteral("webhookBasicAuthPass")), QStringLiteral("existing-basic-password-0123"));
        QVERIFY(!wizard.openValuesFile(m_dir.filePath(QStringLiteral("app.pem"))));
    }

    void manifestFlowFillsThePage()
    {
        m_github->manifestPem = TestKeys::rsaPrivateKeyPem();
        const SetupWizard::Options session = options(false);
        SetupWizard wizard(session);
        toAcmesGitHubPage(wizard);
        auto *page = qobject_cast<GitHubPage *>(wizard.currentPage());
        QVERIFY(page);
        QUrl opened;
        page->manifestFlow()->setBrowser([&opened](const QUrl &url) { opened = url; });
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("createApp")), Qt::LeftButton);
        QVERIFY(opened.host() == u"127.0.0.1");
        QVERIFY(!nextEnabled(wizard)); // waiting for GitHub
        // The admin's browser: the loopback page posts the manifest to GitHub, which redirects back.
        const QByteArray form = ManifestBrowser::get(opened);
        QVERIFY2(form.contains("/organizations/acme/settings/apps/new?state="), form.constData());
        QVERIFY(!ManifestBrowser::submit(form, true).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(edit(wizard, QStringLiteral("github.appId"))->text(), m_github->appId, 15'000);
        QCOMPARE(edit(wizard, QStringLiteral("github.clientId"))->text(), QStringLiteral("Iv23liFromManifest"));
        QCOMPARE(edit(wizard, QStringLiteral("github.clientSecret"))->text(), QStringLiteral("manifest-client-secret-0123456789"));
        QCOMPARE(edit(wizard, QStringLiteral("github.webhookSecret"))->text(), QStringLiteral("manifest-webhook-secret-0123456789"));
        QCOMPARE(wizard.answers().provider(Provider::GitHub)->value(QStringLiteral("privateKey")).toUtf8(), TestKeys::rsaPrivateKeyPem());
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("createAppStatus"))->text().contains(QStringLiteral("/apps/pipekit-acme/installations/new")));
        QVERIFY(nextEnabled(wizard));
        const QJsonObject manifest = m_github->manifests.value(m_github->manifests.keys().constLast());
        QCOMPARE(manifest.value(QStringLiteral("hook_attributes")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://pipekit.example.com/api/events-handler/v1/events/github"));
        QVERIFY(manifest.value(QStringLiteral("redirect_url")).toString().startsWith(QStringLiteral("http://127.0.0.1:")));

        // Leaving the page keeps the App's secrets and key in the keychain, nowhere else.
        wizard.next();
        SecretStore keychain(session.keychainService);
        bool answered = false;
        bool available = false;
        keychain.probe([&](bool ok, const QString &) { available = ok; answered = true; });
        QTRY_VERIFY(answered);
        if (!available)
            return; // keychainRoundTrip says why it is missing
        QHash<QString, QString> stored;
        for (int attempt = 0; attempt < 20 && stored.value(QStringLiteral("github.privateKeyPem")).isEmpty(); ++attempt) {
            bool done = false;
            keychain.read({ QStringLiteral("github.privateKeyPem"), QStringLiteral("github.clientSecret") },
                          [&](const QHash<QString, QString> &values) { stored = values; done = true; });
            QTRY_VERIFY(done);
        }
        QCOMPARE(stored.value(QStringLiteral("github.privateKeyPem")).toUtf8(), TestKeys::rsaPrivateKeyPem());
        QCOMPARE(stored.value(QStringLiteral("github.clientSecret")), QStringLiteral("manifest-client-secret-0123456789"));
        QVERIFY(!TestPaths::readFile(session.settingsFile).contains("manifest-client-secret"));
    }

    // The same flow in a real browser (Debian's headless Chromium): the loopback page's form is
    // submitted by the browser itself, GitHub's redirect is followed as a browser follows it.
    void manifestFlowInARealBrowser()
    {
        const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
        if (chromium.isEmpty())
            QSKIP("no chromium here (scripts/install-deps.sh installs Debian's); the form-level test above still runs");
        m_github->manifestPem = TestKeys::rsaPrivateKeyPem();
        SetupWizard wizard(options(false));
        toAcmesGitHubPage(wizard);
        auto *page = qobject_cast<GitHubPage *>(wizard.currentPage());
        QVERIFY(page);
        QTemporaryDir profile;
        QProcess browser;
        browser.setProcessChannelMode(QProcess::MergedChannels);
        page->manifestFlow()->setBrowser([&](const QUrl &url) {
            browser.start(chromium, { QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                                      QStringLiteral("--no-first-run"), QStringLiteral("--user-data-dir=") + profile.path(), url.toString() });
        });
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("createApp")), Qt::LeftButton);
        QVERIFY2(browser.waitForStarted(10'000), qPrintable(browser.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(edit(wizard, QStringLiteral("github.appId"))->text(), m_github->appId, 30'000);
        QCOMPARE(edit(wizard, QStringLiteral("github.clientId"))->text(), QStringLiteral("Iv23liFromManifest"));
        QCOMPARE(wizard.answers().provider(Provider::GitHub)->value(QStringLiteral("privateKey")).toUtf8(), TestKeys::rsaPrivateKeyPem());
        const QJsonObject manifest = m_github->manifests.value(m_github->manifests.keys().constLast());
        QCOMPARE(manifest.value(QStringLiteral("hook_attributes")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://pipekit.example.com/api/events-handler/v1/events/github"));
        QVERIFY(nextEnabled(wizard));
        browser.kill();
        browser.waitForFinished(10'000);
    }

    void manifestFlowRefusesAWrongStateAndAnExpiredCode()
    {
        SetupWizard wizard(options(false));
        wizard.show();
        QTRY_VERIFY(wizard.isRestored());
        fillToGitHub(wizard);
        type(wizard, QStringLiteral("github.apiUrl"), m_github->baseUrl());
        auto *page = qobject_cast<GitHubPage *>(wizard.currentPage());
        QUrl opened;
        page->manifestFlow()->setBrowser([&opened](const QUrl &url) { opened = url; });
        auto *status = page->findChild<QLabel *>(QStringLiteral("createAppStatus"));

        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("createApp")), Qt::LeftButton);
        QUrl forged = opened;
        forged.setPath(QStringLiteral("/callback"));
        forged.setQuery(QStringLiteral("code=abc123&state=forged"));
        ManifestBrowser::get(forged);
        QTRY_VERIFY(status->text().contains(QStringLiteral("does not match the flow forgelink started")));
        QVERIFY(!page->manifestFlow()->isRunning());
        QVERIFY(nextEnabled(wizard) == page->isComplete());

        m_github->injectFault({ QStringLiteral("/app-manifests/"), 404, "{\"message\":\"Not Found\"}", {}, 10 });
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("createApp")), Qt::LeftButton);
        ManifestBrowser::submit(ManifestBrowser::get(opened), true);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("expired (the flow must finish within an hour)")), 15'000);
        m_github->clearFaults();

        // A closed browser: nothing comes back, and the flow gives up with a clear message.
        page->manifestFlow()->setTimeoutMs(200);
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("createApp")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("did not send the browser back")), 5'000);
        QVERIFY(page->findChild<QPushButton *>(QStringLiteral("createApp"))->isEnabled()); // try again, or go by hand
    }

    void germanIsBuiltIn()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("forgelink"), QStringLiteral("_"),
                                QStringLiteral(":/i18n")));
        QCOMPARE(translator.translate("forgelink::HostPage", "&Host name:"), QStringLiteral("&Hostname:"));
        QCOMPARE(translator.translate("forgelink::VerifyPanel", "&Verify"), QStringLiteral("&Prüfen"));
        QCoreApplication::installTranslator(&translator);
        {
            SetupWizard wizard(options(false));
            QCOMPARE(wizard.windowTitle(), QStringLiteral("forgelink: Pipekit mit Ihren Git-Anbietern verbinden"));
            // Messages from common too: a field's problem as it is typed.
            wizard.show();
            wizard.next();
            type(wizard, QStringLiteral("domain"), QStringLiteral("pipe kit"));
            QCOMPARE(wizard.currentPage()->findChild<QLabel *>(QStringLiteral("domain.problem"))->text(),
                     QStringLiteral("darf keine Leerzeichen enthalten, erhalten: \"pipe kit\""));
        }
        QCoreApplication::removeTranslator(&translator);
    }

    void keychainRoundTrip()
    {
        SecretStore store(QStringLiteral("forgelink-test-roundtrip"));
        bool answered = false;
        bool available = false;
        QString error;
        store.probe([&](bool ok, const QString &why) {
            available = ok;
            error = why;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10'000);
        if (!available)
            QSKIP(qPrintable(QStringLiteral("no Secret Service could be reached (%1); the test script starts gnome-keyring").arg(error)));
        QString writeError;
        connect(&store, &SecretStore::failed, this, [&](const QString &why) { writeError = why; });
        store.write(QStringLiteral("gitlab.token"), QStringLiteral("glpat-roundtrip-secret"));
        QHash<QString, QString> read;
        // The write is a job too: read until it has landed.
        for (int attempt = 0; attempt < 20 && read.isEmpty(); ++attempt) {
            bool done = false;
            store.read({ QStringLiteral("gitlab.token") }, [&](const QHash<QString, QString> &values) {
                read = values;
                done = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(done, 10'000);
        }
        QVERIFY2(writeError.isEmpty(), qPrintable(writeError));
        QCOMPARE(read.value(QStringLiteral("gitlab.token")), QStringLiteral("glpat-roundtrip-secret"));
        store.write(QStringLiteral("gitlab.token"), QString());
    }
};

QTEST_MAIN(tst_SetupWizard)
#include "tst_setupwizard.moc"
