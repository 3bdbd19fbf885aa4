// The HTTP/1.1 server (http_server.h): the accept loop, one coroutine per connection, the
// protocol's limits and timeouts, and the graceful shutdown.
#include "server/http_server.h"

#include <pthread.h>
#include <signal.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include "server/problem.h"

namespace jz::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// The first read of a request; Beast's parser asks for more as it needs it.
constexpr size_t kFirstReadBytes = 4096;
// After an error answer the client may still be sending the refused request; reading (and
// discarding) it for a moment before closing keeps the kernel from resetting the connection
// before the client has read the answer.
constexpr std::chrono::milliseconds kLingerTime{500};
constexpr size_t kMaxLingerBytes = size_t{4} << 20;

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)), read_deadline(stream.get_executor()) {}
  beast::tcp_stream stream;
  // The read timeout is a timer of its own that cancels the read, not the stream's expiry,
  // which would close the socket before the 408 could be sent.
  asio::steady_timer read_deadline;
  bool timed_out = false;  // the read_deadline fired
  bool idle = false;       // waiting for its next request
  // Every member is used on the connection's strand only.
};

// The peer's address as text; an IPv4 client of a dual-stack IPv6 socket ("::ffff:1.2.3.4")
// is named by its IPv4 address, as the sign-in throttle and the audit expect.
std::string PeerAddress(const asio::ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

int ThreadCount(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// The answer to a request Beast could not read: too large a header or body, too slow, or
// not HTTP/1.1. `partial` holds what was parsed of it (the language, if it got that far).
Response ProtocolProblem(const beast::error_code& ec, const Request& partial, const ServerOptions& options) {
  const Lang lang = NegotiateLang(partial[http::field::accept_language]);
  Problem problem{http::status::bad_request, StatusCode::kInvalidArgument, ""};
  if (ec == http::error::header_limit) {
    problem = {
        http::status::request_header_fields_too_large, StatusCode::kInvalidArgument,
        Bilingual("请求头超过 {} 字节", "the request header exceeds {} bytes", options.header_limit_bytes)};
  } else if (ec == http::error::body_limit) {
    problem = {
        http::status::payload_too_large, StatusCode::kInvalidArgument,
        Bilingual("请求体超过 {} 字节", "the request body exceeds {} bytes", options.body_limit_bytes)};
  } else if (ec == beast::error::timeout) {
    problem = {http::status::request_timeout, StatusCode::kUnavailable,
               Bilingual("未在 {} 毫秒内收到完整请求", "the request did not arrive whole within {} ms",
                         options.read_timeout.count())};
  } else {
    problem.detail = Bilingual("请求格式错误（{}）", "malformed request ({})", ec.message());
  }
  return ProblemResponse(problem, lang, 11);
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        thread_count_(ThreadCount(options_.threads)),
        ioc_(thread_count_),
        acceptor_(asio::make_strand(ioc_)) {}

  // Joining the threads can throw std::system_error; a destructor must not, and there is
  // nothing left to do with the error at this point.
  ~Impl() {
    try {
      Shutdown(std::chrono::milliseconds(0));
    } catch (...) {  // NOLINT(bugprone-empty-catch)
    }
  }

  Status Start();
  void Shutdown(std::chrono::milliseconds deadline);
  uint16_t port() const { return port_; }
  int threads() const { return thread_count_; }

 private:
  asio::awaitable<void> AcceptLoop();
  void Launch(tcp::socket socket);
  void Unregister(uint64_t id);
  asio::awaitable<void> Session(std::shared_ptr<Connection> conn, bool over_capacity);
  asio::awaitable<std::tuple<beast::error_code, size_t>> ReadRequest(
      const std::shared_ptr<Connection>& conn, beast::flat_buffer& buffer,
      http::request_parser<http::string_body>& parser);
  asio::awaitable<bool> AwaitRequest(Connection& conn, beast::flat_buffer& buffer);
  asio::awaitable<void> Answer(Connection& conn, Response response, bool keep_alive, bool* ok);
  asio::awaitable<void> RefuseAndClose(Connection& conn, Response response);
  void RunThread();

  const ServerOptions options_;
  const RequestHandler handler_;
  const int thread_count_;
  // Declared before what uses it, so it is destroyed last (with the coroutine frames it
  // still holds when a shutdown deadline passed).
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  bool running_ = false;
  uint16_t port_ = 0;

  std::mutex mutex_;
  std::condition_variable all_closed_;
  uint64_t next_id_ = 0;                                  // guarded by mutex_
  std::map<uint64_t, std::shared_ptr<Connection>> open_;  // guarded by mutex_
};

Status HttpServer::Impl::Start() {
  if (options_.threads < 0 || options_.threads > kMaxThreads) {
    return InvalidArgumentError(
        Bilingual("线程数应为 1 到 {}：{}", "threads must be 1 to {}: {}", kMaxThreads, options_.threads));
  }
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options_.address, ec);
  if (ec) {
    return InvalidArgumentError(Bilingual("监听地址应为 IP 地址（如 127.0.0.1）：{}",
                                          "the listen address must be an IP address (e.g. 127.0.0.1): {}",
                                          options_.address));
  }
  const tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return UnavailableError(Bilingual("无法监听 {}:{}：{}", "cannot listen on {}:{}: {}", options_.address,
                                      options_.port, ec.message()));
  }
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(acceptor_.get_executor(), AcceptLoop(), asio::detached);
  for (int i = 0; i < thread_count_; ++i) threads_.emplace_back([this] { RunThread(); });
  running_ = true;
  return OkStatus();
}

void HttpServer::Impl::RunThread() {
  while (true) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {  // a defect; the other connections go on
      std::fprintf(stderr, "jingzhun serve: internal error: %s\n", e.what());
    }
  }
}

void HttpServer::Impl::Shutdown(std::chrono::milliseconds deadline) {
  if (!running_) return;
  stopping_ = true;
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  std::unique_lock lock(mutex_);
  // A connection waiting for its next request is closed now; one inside a request finishes
  // it and closes after answering (Session checks stopping_).
  for (auto& [id, conn] : open_) {
    asio::post(conn->stream.get_executor(), [conn = conn] {
      if (conn->idle) conn->stream.cancel();
    });
  }
  all_closed_.wait_for(lock, deadline, [this] { return open_.empty(); });
  lock.unlock();
  ioc_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  running_ = false;
}

asio::awaitable<void> HttpServer::Impl::AcceptLoop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_), kNoThrow);
    if (stopping_ || ec == asio::error::operation_aborted) co_return;
    if (ec) {  // e.g. out of file descriptors: wait a moment instead of spinning
      asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    Launch(std::move(socket));
  }
}

void HttpServer::Impl::Launch(tcp::socket socket) {
  auto conn = std::make_shared<Connection>(std::move(socket));
  uint64_t id = 0;
  bool over_capacity = false;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    over_capacity = open_.size() >= static_cast<size_t>(options_.max_connections);
    open_.emplace(id, conn);
  }
  // The completion handler, not the coroutine, unregisters: it also runs when the
  // coroutine ended by an exception.
  asio::co_spawn(conn->stream.get_executor(), Session(conn, over_capacity),
                 [this, id](const std::exception_ptr&) { Unregister(id); });
}

void HttpServer::Impl::Unregister(uint64_t id) {
  std::lock_guard lock(mutex_);
  open_.erase(id);
  if (open_.empty()) all_closed_.notify_all();
}

asio::awaitable<void> HttpServer::Impl::Session(std::shared_ptr<Connection> conn, bool over_capacity) {
  // Every response is a named local before it is passed to an awaited coroutine: GCC 12
  // destroys a temporary inside a co_await expression twice.
  if (over_capacity) {
    Response refusal =
        ProblemResponse({http::status::service_unavailable, StatusCode::kUnavailable,
                         Bilingual("服务器连接已满（{} 个），请稍后重试",
                                   "the server holds its maximum of {} connections; try again shortly",
                                   options_.max_connections)},
                        Lang::kZhHans, 11);
    co_await RefuseAndClose(*conn, std::move(refusal));
    co_return;
  }
  PeerInfo peer;
  beast::error_code peer_ec;
  const tcp::endpoint remote = conn->stream.socket().remote_endpoint(peer_ec);
  if (!peer_ec) peer.address = PeerAddress(remote.address());
  beast::flat_buffer buffer;
  while (!stopping_) {
    if (buffer.size() == 0 && !co_await AwaitRequest(*conn, buffer)) break;
    http::request_parser<http::string_body> parser;
    parser.header_limit(options_.header_limit_bytes);
    parser.body_limit(options_.body_limit_bytes);
    auto [ec, unused] = co_await ReadRequest(conn, buffer, parser);
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted) break;
    if (ec) {
      Response refusal = ProtocolProblem(ec, parser.get(), options_);
      co_await RefuseAndClose(*conn, std::move(refusal));
      co_return;
    }
    const Request& request = parser.get();
    bool written = false;
    Response response = handler_(request, peer);
    // After the handler: a shutdown begun while it ran closes this connection after the answer.
    const bool keep_alive = request.keep_alive() && !stopping_;
    co_await Answer(*conn, std::move(response), keep_alive, &written);
    if (!written || !keep_alive) break;
  }
  beast::error_code ignored;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  conn->stream.socket().close(ignored);
}

// Reads one request within read_timeout; beast::error::timeout when it did not arrive whole.
asio::awaitable<std::tuple<beast::error_code, size_t>> HttpServer::Impl::ReadRequest(
    const std::shared_ptr<Connection>& conn, beast::flat_buffer& buffer,
    http::request_parser<http::string_body>& parser) {
  conn->stream.expires_never();
  conn->timed_out = false;
  conn->read_deadline.expires_after(options_.read_timeout);
  conn->read_deadline.async_wait([conn](const beast::error_code& ec) {
    if (ec) return;  // cancelled: the request arrived in time
    conn->timed_out = true;
    beast::error_code ignored;
    conn->stream.socket().cancel(ignored);
  });
  auto [ec, n] = co_await http::async_read(conn->stream, buffer, parser, kNoThrow);
  conn->read_deadline.cancel();
  if (conn->timed_out) ec = beast::error::timeout;
  co_return std::tuple(ec, n);
}

// Waits up to idle_timeout for the first bytes of a next request; false when none came
// (timeout, the client closed, or a shutdown cancelled the wait).
asio::awaitable<bool> HttpServer::Impl::AwaitRequest(Connection& conn, beast::flat_buffer& buffer) {
  conn.idle = true;
  conn.stream.expires_after(options_.idle_timeout);
  auto [ec, n] = co_await conn.stream.async_read_some(buffer.prepare(kFirstReadBytes), kNoThrow);
  conn.idle = false;
  if (ec) co_return false;
  buffer.commit(n);
  co_return true;
}

asio::awaitable<void> HttpServer::Impl::Answer(Connection& conn, Response response, bool keep_alive,
                                               bool* ok) {
  response.keep_alive(keep_alive);
  response.prepare_payload();
  // A client that does not read its answer is cut off like one that does not send.
  conn.stream.expires_after(options_.read_timeout);
  auto [ec, n] = co_await http::async_write(conn.stream, response, kNoThrow);
  *ok = !ec;
}

asio::awaitable<void> HttpServer::Impl::RefuseAndClose(Connection& conn, Response response) {
  bool written = false;
  co_await Answer(conn, std::move(response), false, &written);
  beast::error_code ignored;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (written) {
    conn.stream.expires_after(kLingerTime);
    std::array<char, 4096> sink;
    for (size_t drained = 0; drained < kMaxLingerBytes;) {
      auto [ec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kNoThrow);
      if (ec) break;
      drained += n;
    }
  }
  conn.stream.socket().close(ignored);
}

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::Start() { return impl_->Start(); }
uint16_t HttpServer::port() const { return impl_->port(); }
int HttpServer::threads() const { return impl_->threads(); }
void HttpServer::Shutdown(std::chrono::milliseconds deadline) { impl_->Shutdown(deadline); }

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  return signal_number;
}

}  // namespace jz::server
