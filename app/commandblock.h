#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace forgelink {

// Commands to copy into a terminal: shown whole (wrapped, selectable, in a fixed-width font) with
// a Copy button, so nothing is cut off at either end.
class CommandBlock : public QWidget {
    Q_OBJECT

public:
    explicit CommandBlock(QWidget *parent = nullptr);
    void setCommands(const QString &commands);
    QString commands() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();

    QPlainTextEdit *m_text;
};

} // namespace forgelink
