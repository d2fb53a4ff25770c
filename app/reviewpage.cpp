#include "reviewpage.h"

#include "config/answersvalidator.h"
#include "config/setupgenerator.h"
#include "providers/providerregistry.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace forgelink {

namespace {

// The secrets among the answers, longest first so a secret inside another is masked whole.
QStringList secretsOf(const Answers &answers)
{
    QStringList secrets;
    for (auto it = answers.providers.constBegin(); it != answers.providers.constEnd(); ++it) {
        for (const ProviderField &field : ProviderRegistry::get(it.key()).answerFields()) {
            // A key is masked by its armour lines, below.
            if (field.isSecret() && field.kind != ProviderField::Kind::PrivateKey)
                secrets << it->value(field.key);
        }
    }
    secrets.removeAll(QString());
    std::sort(secrets.begin(), secrets.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return secrets;
}

QString masked(QString text, const Answers &answers)
{
    for (const QString &secret : secretsOf(answers))
        text.replace(secret, QStringLiteral("••••••••"));
    // The private key's body, between its armour lines.
    const qsizetype begin = text.indexOf(QLatin1String("-----BEGIN"));
    if (begin >= 0) {
        const qsizetype bodyStart = text.indexOf(QLatin1Char('\n'), begin) + 1;
        const qsizetype endMarker = text.indexOf(QLatin1String("-----END"), bodyStart);
        if (bodyStart > 0 && endMarker > 0) {
            const qsizetype bodyEnd = text.lastIndexOf(QLatin1Char('\n'), endMarker) + 1;
            text.replace(bodyStart, bodyEnd - bodyStart, QStringLiteral("      ••••••••\n"));
        }
    }
    return text;
}

} // namespace

ReviewPage::ReviewPage(std::function<Answers()> answers, QWidget *parent)
    : QWizardPage(parent), m_answers(std::move(answers)), m_problems(new QLabel(this))
{
    // Made in the page's order, which is the keyboard's: the tabs, the files, then the checkbox.
    auto *tabs = new QTabWidget(this);
    m_values = new QPlainTextEdit(tabs);
    m_agent = new QPlainTextEdit(tabs);
    m_reveal = new QCheckBox(tr("&Show secrets"), this);
    setTitle(tr("Review"));
    setSubTitle(tr("These are the files that will be written. Secrets are masked until you ask to see them."));
    m_problems->setObjectName(QStringLiteral("reviewProblems"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_values->setObjectName(QStringLiteral("reviewValues"));
    m_agent->setObjectName(QStringLiteral("reviewAgent"));
    for (QPlainTextEdit *view : { m_values, m_agent }) {
        view->setReadOnly(true);
        view->setTabChangesFocus(true); // Tab leaves the file view instead of being swallowed
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        view->setFont(QFont(QStringLiteral("monospace")));
    }
    m_values->setAccessibleName(tr("values.yaml"));
    m_agent->setAccessibleName(tr("agent.yaml"));
    tabs->addTab(m_values, QStringLiteral("values.yaml"));
    tabs->addTab(m_agent, QStringLiteral("agent.yaml"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problems);
    layout->addWidget(tabs, 1);
    layout->addWidget(m_reveal);
    connect(m_reveal, &QCheckBox::toggled, this, &ReviewPage::render);
}

void ReviewPage::initializePage()
{
    m_reveal->setChecked(false);
    render();
}

bool ReviewPage::isComplete() const
{
    return m_valid;
}

void ReviewPage::render()
{
    const Answers answers = m_answers();
    const FieldErrors errors = AnswersValidator::validate(answers);
    m_valid = errors.isEmpty();
    m_problems->setText(errors.isEmpty() ? QString() : tr("Fix these first:\n%1").arg(toStringList(errors).join(u'\n')));
    m_problems->setVisible(!errors.isEmpty());
    if (errors.isEmpty()) {
        const Result<ValuesLayout> layout = ValuesLayout::builtIn();
        const Result<SetupGenerator::Output> output = SetupGenerator::generate(answers, layout.value());
        if (output) {
            const QString values = QString::fromUtf8(output->valuesYaml);
            const QString agent = QString::fromUtf8(output->agentYaml);
            m_values->setPlainText(m_reveal->isChecked() ? values : masked(values, output->answers));
            m_agent->setPlainText(m_reveal->isChecked() ? agent : masked(agent, output->answers));
        } else {
            m_valid = false;
            m_problems->setText(output.error());
            m_problems->show();
        }
    }
    Q_EMIT completeChanged();
}

} // namespace forgelink
