#include "copyablevalue.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace forgelink {

CopyableValue::CopyableValue(QWidget *parent) : QWidget(parent), m_value(new QLineEdit(this))
{
    m_value->setReadOnly(true);
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setAccessibleName(tr("Copy value"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_value, 1);
    layout->addWidget(copy);
    setFocusProxy(m_value);
    connect(copy, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_value->text()); });
}

void CopyableValue::setValue(const QString &value)
{
    m_value->setText(value);
    m_value->setAccessibleDescription(value);
}

QString CopyableValue::value() const
{
    return m_value->text();
}

} // namespace forgelink
