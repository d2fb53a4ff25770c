#include "config/securefilewriter.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace forgelink {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

Result<QString> writeTemporary(const SecureFileWriter::File &file)
{
    QByteArray pattern = QFile::encodeName(file.path) + ".tmp-XXXXXX";
    const int fd = ::mkstemp(pattern.data()); // mkstemp creates the file with mode 0600
    if (fd < 0)
        return fail(QStringLiteral("cannot create %1: %2").arg(file.path, systemError()));
    const QString temporary = QFile::decodeName(pattern);
    qsizetype written = 0;
    while (written < file.contents.size()) {
        const ssize_t n = ::write(fd, file.contents.constData() + written, size_t(file.contents.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString reason = systemError();
            ::close(fd);
            ::unlink(pattern.constData());
            return fail(QStringLiteral("cannot write %1: %2").arg(file.path, reason));
        }
        written += n;
    }
    if (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0) {
        const QString reason = systemError();
        ::close(fd);
        ::unlink(pattern.constData());
        return fail(QStringLiteral("cannot write %1: %2").arg(file.path, reason));
    }
    ::close(fd);
    return temporary;
}

} // namespace

Result<void> SecureFileWriter::writeAll(const QList<File> &files)
{
    QStringList temporaries;
    auto removeTemporaries = [&temporaries] {
        for (const QString &path : temporaries)
            ::unlink(QFile::encodeName(path).constData());
    };
    for (const File &file : files) {
        Result<QString> temporary = writeTemporary(file);
        if (!temporary) {
            removeTemporaries();
            return fail(temporary.error());
        }
        temporaries << temporary.value();
    }
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (::rename(QFile::encodeName(temporaries.at(i)).constData(),
                     QFile::encodeName(files.at(i).path).constData())
            != 0) {
            const QString reason = systemError();
            removeTemporaries();
            return fail(QStringLiteral("cannot write %1: %2").arg(files.at(i).path, reason));
        }
    }
    // Make the renames durable too.
    if (!files.isEmpty()) {
        const int directory = ::open(QFile::encodeName(QFileInfo(files.first().path).absolutePath()).constData(),
                                     O_RDONLY | O_DIRECTORY);
        if (directory >= 0) {
            ::fsync(directory);
            ::close(directory);
        }
    }
    return {};
}

} // namespace forgelink
