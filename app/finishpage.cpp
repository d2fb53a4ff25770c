#include "finishpage.h"

#include "copyablevalue.h"
#include "config/setupgenerator.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace forgelink {

FinishPage::FinishPage(std::function<Answers()> answers, QWidget *parent)
    : QWizardPage(parent), m_answers(std::move(answers)), m_folder(new QLineEdit(this)),
      m_write(new QPushButton(tr("&Write the files"), this)), m_status(new QLabel(this)), m_helm(new CopyableValue(this)),
      m_open(new QPushButton(tr("&Open the folder"), this)), m_replace(new QCheckBox(tr("&Replace files already in the folder"), this))
{
    setTitle(tr("Write the files"));
    setSubTitle(tr("values.yaml goes to Pipekit's Helm chart, agent.yaml to forgelink-agent, kubernetes/ holds the agent's "
                   "Secret and config for a cluster. They hold secrets and are written readable by you only."));
    m_replace->setObjectName(QStringLiteral("replaceFiles"));
    setFinalPage(true);
    m_folder->setObjectName(QStringLiteral("outputFolder"));
    m_write->setObjectName(QStringLiteral("writeFiles"));
    m_status->setObjectName(QStringLiteral("writeStatus"));
    m_status->setWordWrap(true);
    m_folder->setText(QDir::home().filePath(QStringLiteral("forgelink")));
    auto *browse = new QPushButton(tr("&Choose…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    auto *label = new QLabel(tr("&Folder:"), this);
    label->setBuddy(m_folder);
    form->addRow(label, folderRow);
    auto *helmLabel = new QLabel(tr("Then run:"), this);
    helmLabel->setBuddy(m_helm);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_replace);
    layout->addWidget(m_write, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addWidget(helmLabel);
    layout->addWidget(m_helm);
    layout->addWidget(m_open, 0, Qt::AlignLeft);
    layout->addStretch();
    m_helm->hide();
    helmLabel->hide();
    m_open->hide();
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Where to write the files"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    connect(m_write, &QPushButton::clicked, this, &FinishPage::write);
    connect(m_open, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder())); });
    connect(this, &FinishPage::written, helmLabel, &QWidget::show);
}

void FinishPage::initializePage()
{
    m_written = false;
    m_status->clear();
}

bool FinishPage::isComplete() const
{
    return m_written;
}

QString FinishPage::folder() const
{
    return QDir(m_folder->text().trimmed()).absolutePath();
}

void FinishPage::setFolder(const QString &folder)
{
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void FinishPage::write()
{
    const Result<ValuesLayout> layout = ValuesLayout::builtIn();
    const Result<SetupGenerator::Output> output = SetupGenerator::generate(m_answers(), layout.value());
    if (!output) {
        m_status->setText(tr("Nothing was written: %1").arg(output.error()));
        return;
    }
    if (Result<void> written = SetupGenerator::write(output.value(), folder(), m_replace->isChecked()); !written) {
        m_status->setText(tr("Nothing was written: %1").arg(written.error()));
        return;
    }
    m_written = true;
    const QString values = QDir(folder()).filePath(QStringLiteral("values.yaml"));
    m_status->setText(tr("Wrote %1 and %2.").arg(values, QDir(folder()).filePath(QStringLiteral("agent.yaml"))));
    m_helm->setValue(SetupGenerator::helmCommand(values));
    m_helm->show();
    m_open->show();
    Q_EMIT written(folder());
    Q_EMIT completeChanged();
}

} // namespace forgelink
