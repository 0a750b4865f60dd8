#include "store/run_lock.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/store.hpp"

namespace pingcha::store {

RunLock::RunLock(const std::string& db_path, int64_t run_id) {
    const std::string path = db_path + ".runs.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw StoreError("无法打开运行锁文件 " + path + "：" + std::strerror(errno));
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = static_cast<off_t>(run_id);
    lock.l_len = 1;
    if (::fcntl(fd_, F_SETLK, &lock) == 0) return;
    const int error = errno;
    struct flock holder = lock;
    const bool known = ::fcntl(fd_, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK;
    ::close(fd_);
    fd_ = -1;
    if (error != EACCES && error != EAGAIN) throw StoreError("无法锁定运行 " + std::to_string(run_id) + "：" + std::strerror(error));
    throw StoreError("运行 " + std::to_string(run_id) + " 正在由另一个进程" +
                     (known ? "（进程号 " + std::to_string(holder.l_pid) + "）" : std::string()) +
                     "执行，不能同时续跑；请等它结束，或终止它后再用 --resume 续跑");
}

RunLock::~RunLock() {
    if (fd_ >= 0) ::close(fd_);  // closing drops the lock
}

}  // namespace pingcha::store
