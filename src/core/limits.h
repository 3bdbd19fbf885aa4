// Every limit of Jingzhun in one place, each with the reason for its number. CsvReader and
// CsvWriter take their defaults from here (callers may tighten the per-reader ones in
// CsvOptions); the store takes its cache size. A limit turns a malformed or hostile input
// into a clear error instead of unbounded memory, or bounds what a process may use.
#ifndef JZ_CORE_LIMITS_H_
#define JZ_CORE_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace jz {

// The longest CSV field accepted. Registry fields are names, addresses, codes and notes of
// at most a few KiB; a field of a mebibyte almost always means an unclosed quote has
// swallowed the rest of the file, and saying so early beats reading it all into memory.
inline constexpr size_t kMaxCsvFieldBytes = size_t{1} << 20;

// The most fields one CSV record may have. Our widest import (the household roster) has
// fewer than 100 columns; 512 leaves room for wide exports while rejecting a file whose
// delimiter was guessed wrong (every byte a field) before it costs memory.
inline constexpr size_t kMaxCsvFields = 512;

// The longest CSV record, in raw bytes. The two limits above would allow 512 fields of a
// mebibyte each; this bounds the read buffer's growth to a figure a server can afford.
inline constexpr size_t kMaxCsvRecordBytes = size_t{64} << 20;

// Uncompressed bytes of one part of an .xlsx workbook (a sheet, the shared strings)
// that io/xlsx_reader.h reads; a larger part is refused, so a crafted file cannot
// exhaust memory. 256 MiB holds a sheet of several hundred thousand rows.
inline constexpr size_t kMaxXlsxPartBytes = size_t{256} << 20;

// The worksheet part of an .xlsx, uncompressed. It is streamed (memory does not grow with
// it), so the bound is on time only: Excel's largest sheet (1,048,576 rows) of a wide
// registry is about 2 GiB of XML; 8 GiB refuses a zip bomb before it costs an hour.
inline constexpr uint64_t kMaxXlsxSheetBytes = uint64_t{8} << 30;

// The text of all shared strings of an .xlsx, held in one arena while the sheet is read
// (the sheet refers to them by index, in any order). A million-person registry has about
// 60 MiB of distinct names, ID numbers and addresses; 512 MiB bounds a hostile file.
inline constexpr size_t kMaxXlsxSharedStringBytes = size_t{512} << 20;

// The chunk of an .xlsx part inflated and handed to the XML parser at a time: large
// enough to amortise the calls, small enough that the rows parsed from one chunk are few.
inline constexpr size_t kXlsxReadChunkBytes = size_t{64} << 10;

// The CsvReader's read(2) size. Four mebibytes amortise the system call and the shift of a
// partial record to the buffer's front to nothing, and still fit in L2/L3 on a server.
inline constexpr size_t kCsvReadBufferBytes = size_t{4} << 20;

// How much of a file's start DetectEncoding() sees. 64 KiB is hundreds of registry rows:
// enough Chinese text that GBK bytes show up as invalid UTF-8 with near certainty.
inline constexpr size_t kEncodingSniffBytes = size_t{64} << 10;

// The CsvWriter's buffer; it is flushed at the first row end past this size. One mebibyte
// makes write(2) and the GB18030 conversion per call cheap relative to the bytes moved.
inline constexpr size_t kCsvWriteBufferBytes = size_t{1} << 20;

// SQLite page cache per connection, in KiB (128 MiB). Imports insert ID numbers in random
// order into a unique index; with SQLite's default 2 MiB cache every insert misses, and the
// import of a province slows several-fold. 128 MiB holds the index of a few million persons.
inline constexpr int64_t kSqliteCacheKib = 128 * 1024;

// Households parsed but not yet written that an import may hold. The writer thread is the
// slower stage; a bounded queue keeps the parser from buffering the whole file in memory
// while it waits. 16,384 households (about 40,000 persons) keep both cores busy.
inline constexpr size_t kImportQueueHouseholds = 16384;

// The most nodes one compiled rule expression may have. The longest shipped rule has about
// 40; 256 leaves room for any rule a province writes by hand, while the evaluator's cost per
// household (nodes x members x feed rows) stays bounded for a whole-province screening run.
inline constexpr size_t kMaxRuleNodes = 256;

// The deepest nesting of one rule expression. The parser and the evaluator recurse once per
// level; 32 levels are far beyond what a readable rule needs and keep the stack small even
// under AddressSanitizer, so "((((((..." in a policy file is an error, not a crash.
inline constexpr size_t kMaxRuleDepth = 32;

// The largest policy file read. A province's policy is a few hundred lines (about 20 KiB);
// one mebibyte rejects a wrong file (an export, a binary) before parsing it.
inline constexpr size_t kMaxPolicyFileBytes = size_t{1} << 20;

// ---- Accounts and sessions (app/accounts, ../shared/docs/SERVER.md) ----

// The shortest password accepted (NIST SP 800-63B §5.1.1.2: at least 8; we ask 12, as the
// SERVER.md rules do, because accounts here open personal data of whole villages). No
// composition rules: length beats forced symbols, which users meet with "Password1!".
inline constexpr size_t kMinPasswordChars = 12;
// The longest password accepted, in bytes. 800-63B asks for at least 64 characters; 256
// bytes holds any passphrase while bounding what one sign-in hands to argon2id.
inline constexpr size_t kMaxPasswordBytes = 256;

// argon2id cost (libsodium crypto_pwhash_str_alg): 2 passes over 19 MiB, OWASP's minimum
// argon2id setting, about 50 ms on this kind of machine: slow for a guesser, cheap enough
// for a county office's sign-ins on two cores.
inline constexpr uint64_t kPasswordHashOpsLimit = 2;
inline constexpr size_t kPasswordHashMemLimitBytes = size_t{19} << 20;

// A session ends after this long without a request (30 minutes, the usual limit for
// systems holding personal data: an unlocked screen in a village office is not left open
// for the day) ...
inline constexpr int64_t kSessionIdleSeconds = 30 * 60;
// ... and after this long in any case (12 hours: one working day, so a stolen cookie is
// worth at most a day and everyone signs in afresh each morning).
inline constexpr int64_t kSessionAbsoluteSeconds = 12 * 60 * 60;

// Throttling of sign-ins for one username: the first kSignInFreeFailures failures in a row
// cost nothing (typos); each further one doubles the wait before the next attempt, from
// 1 second up to kSignInMaxDelaySeconds; at kSignInLockFailures the account is locked until
// an administrator enables it. Ten guesses are nothing against a 12-character password, and
// a cadre who forgot hers calls the county office long before.
inline constexpr int64_t kSignInFreeFailures = 3;
inline constexpr int64_t kSignInLockFailures = 10;
inline constexpr int64_t kSignInMaxDelaySeconds = 15 * 60;
// Throttling per client address, across usernames (password spraying): failures counted
// over the last kSignInAddressWindowSeconds; past kSignInAddressFreeFailures each further
// one doubles the wait as above. A village office behind one NAT address has a few dozen
// users, so 30 free failures in 15 minutes does not stop honest typos.
inline constexpr int64_t kSignInAddressFreeFailures = 30;
inline constexpr int64_t kSignInAddressWindowSeconds = 15 * 60;

// An account not used for this many days is disabled at its next sign-in (the default of
// the configurable period). Village work teams rotate every one to three years; 90 days
// unused means the person has most likely left, and an abandoned account is a way in.
inline constexpr int32_t kAccountInactiveDays = 90;

// The most rows one roster import (`jingzhun users import`) reads. Every row costs one
// argon2id hash of its initial password (about 50 ms), so 10,000 rows (a prefecture's
// village cadres) take some minutes; a province imports by prefecture. More is a wrong file.
inline constexpr int64_t kMaxRosterRows = 10'000;

// The longest time window of a feed aggregate, in days: ten years. Departmental triggers look
// back one year; longer windows are allowed for exclusion checks, but a typo such as
// days=36500 should be caught at load time.
inline constexpr int kMaxFeedWindowDays = 3660;

// Households recorded per transaction by a findings import (each in its own savepoint, so
// each is still whole or absent). A commit per household costs about 0.1 ms in WAL mode (the
// dirty pages of the finding table and its index are written each time): a million-household
// census would take minutes. A thousand households (9,000 rows) per commit make the commit
// cost negligible while a failed batch is small to repeat.
inline constexpr size_t kFindingsBatchHouseholds = 1000;

// The longest look-back of the case lists (`cases overdue --days`, `cases unvisited --days`):
// ten years. Identification is due in 15 days and visits monthly; a window longer than the
// whole monitoring policy's life is a typo (an extra digit), not a question.
inline constexpr int kMaxCaseListDays = 3660;

// The largest funds of one household's assistance measure: one million yuan. The largest
// measures (relocation housing, a house rebuilt) cost a few hundred thousand yuan; more is an
// amount typed in fen or with extra zeros, which would distort every funds report.
inline constexpr int64_t kMaxMeasureFundsFen = int64_t{1'000'000} * 100;

// The largest per-capita net income of an income check, and the largest monitoring line:
// one million yuan a year. Monitored households live near a line of about 7,500 yuan; a
// figure beyond this is a typo that would wrongly satisfy the income condition of risk
// elimination. Negative per-capita income (a failed business) is accepted down to minus it.
inline constexpr int64_t kMaxIncomePerCapitaFen = int64_t{1'000'000} * 100;

// The largest sample a campaign may draw, in households. A province spot-check samples a few
// thousand households and a county self-check is a census (no size); a size of a million is
// a typo (a household number or a population pasted into --size), refused before the frame
// is read.
inline constexpr int64_t kMaxSampleHouseholds = 1'000'000;

// The largest sampling or simulation seed: 2^53 - 1. A seed is printed in reports and carried
// as a JSON number; JSON readers (JavaScript) hold integers exactly only up to 2^53, and a
// seed that cannot be read back exactly cannot reproduce its sample.
inline constexpr uint64_t kMaxSampleSeed = (uint64_t{1} << 53) - 1;

// The most households a sample design may require from each stratum. Two keep a stratum's
// variance estimable; a few dozen are plenty for a village; a thousand bounds the sample a
// typo could demand (the strata times this) far below kMaxSampleHouseholds' order.
inline constexpr int32_t kMaxMinPerStratum = 1000;

// The fewest recorded households a campaign figure (a region's 错退率 or 漏评率, an item's
// accuracy, a paired difference between levels) may rest on before the report flags it. Below
// about thirty units a Taylor-linearised variance is itself too noisy to trust, the t
// quantile on so few degrees of freedom widens quickly, and one household moves a rate by
// several points; thirty is the effective sample size below which the NCHS Data Presentation
// Standards for Proportions (Parker et al. 2017, Vital Health Stat 2(175)) flag an estimate.
// A census is never flagged: its figure has no sampling error.
inline constexpr int64_t kMinRecordedHouseholdsPerFigure = 30;

// The longest rectification deadline, in days after the ledger entry: ten years. 整改时限 are
// weeks to months; a longer one is almost always a typo (days for a date), and bounding it
// keeps every deadline a valid Date.
inline constexpr int kMaxRectificationDays = 3650;

// The first data year (数据年度, the year whose income a record gives) a registry may hold:
// 建档立卡 began in 2014 (国开办发〔2014〕24号), so no registry holds an earlier year, and an
// earlier --year is a typo (2104 for 2014 is caught by the upper bounds below).
inline constexpr int kFirstDataYear = 2014;

// How many years past the current one a synthetic registry's data year may lie. An import
// takes none (a year's income is known only after it ends); the generator allows one, so a
// training registry for next year's campaign can be prepared in December.
inline constexpr int kSyntheticDataYearsAhead = 1;

// The most persons one generated registry may hold: twice the national 建档立卡 registry at
// its peak (about 99 million persons in 2014). More is a typo, and would write some 50 GB.
inline constexpr int64_t kMaxGeneratedPersons = 200'000'000;

// The largest share of generated households given a planted problem. The planter places
// each problem so that it is the household's only finding and copies duplicates from clean
// earlier households; past one half, recall figures would measure collisions between
// planted problems rather than the rules, and data mostly wrong teaches a trainee nothing.
inline constexpr double kMaxPlantedProblemShare = 0.5;

// The most worker threads a screening or what-if run may be asked for (--threads). The
// engine and the feed loaders start one thread per requested core at once; a server has at
// most a few hundred cores, and beyond them threads only add stacks and switching. A typo
// such as 100000 would otherwise fail inside std::thread as an abort, not an error.
inline constexpr int kMaxThreads = 256;

// The longest person name (姓名) an import accepts, in code points. Han names are two to four
// characters and transliterated minority names (with their middle dots) run to a few dozen;
// fifty is beyond any of them, while a cell that swallowed other rows' names and ID numbers
// through a stray quote is far longer (person.name).
inline constexpr size_t kMaxPersonNameChars = 50;

// The HTTP server (src/server). Each bounds what one client can make the server hold or wait
// for; the defaults of ServerOptions come from here and tests tighten them.

// Bytes of one request's start line and header fields. Browsers send 1-3 KiB (cookies
// included); 8 KiB is nginx's large_client_header_buffers default, so a request nginx
// forwards is never refused here, and a header flood is answered 431 after 8 KiB.
inline constexpr uint32_t kMaxHttpHeaderBytes = 8 * 1024;

// Bytes of one request body. JSON bodies (a sign-in, a case step, a finding) are a few KiB;
// one mebibyte holds the largest batch edit while a body sent to exhaust memory is refused
// 413 from its Content-Length before it is read. File uploads will get their own limit.
inline constexpr uint64_t kMaxHttpBodyBytes = uint64_t{1} << 20;

// Query parameters in one request target. Our widest list filter has about a dozen; 64
// refuses a target built to make the parser allocate without limiting any real query.
inline constexpr size_t kMaxHttpQueryParameters = 64;

// Connections the server holds at once; past it a new connection is answered 503 and
// closed. The target load is 1,000 concurrent connections on two cores; 4,096 leaves room
// behind a proxy while one connection (a socket, two buffers, a coroutine frame, about
// 20 KiB) times 4,096 stays under 100 MiB.
inline constexpr int kMaxHttpConnections = 4096;

// Milliseconds a client may take to send one whole request once it has begun (start line,
// header, body): a slow-loris client holding a connection open byte by byte is cut off (408).
inline constexpr int kHttpReadTimeoutMs = 30'000;

// Milliseconds a kept-alive connection may wait for its next request. Above nginx's default
// upstream keepalive_timeout (60 s), so the proxy closes first and never reuses a
// connection the server is closing.
inline constexpr int kHttpIdleTimeoutMs = 75'000;

// Milliseconds a graceful shutdown (SIGTERM) gives requests in flight before the process
// exits anyway: systemd's stop timeout is 90 s and a container's grace period 30 s.
inline constexpr int kHttpShutdownDeadlineMs = 10'000;

// The largest static file of the web UI served (read whole into memory per request). The
// built UI's largest chunk is a few MiB; 64 MiB refuses whatever else is put in --web DIR.
inline constexpr uint64_t kMaxStaticFileBytes = uint64_t{64} << 20;

// Audit log (app/audit/audit_log.h). One page of `jingzhun audit list` or GET /audit: an
// auditor reads a screen at a time, and keyset paging (after=) reaches the rest; 1,000 rows
// bound the memory of one request whatever the filter.
inline constexpr int64_t kAuditPageRowsDefault = 100;
// Household search (app/registry/household_files.h, GET /households?q=): a page of hits, and
// the longest query (a name, an ID number or a 户编号 is far shorter).
inline constexpr int64_t kSearchPageRowsDefault = 20;
inline constexpr int64_t kMaxSearchPageRows = 200;
inline constexpr size_t kMaxSearchQueryBytes = 256;
inline constexpr int64_t kMaxAuditPageRows = 1000;
// Entries read per batch by audit verify: memory stays flat however long the chain grows.
inline constexpr int64_t kAuditVerifyBatchRows = 4096;
// The longest details text of one entry, in bytes after masking. Old and new values of one
// household change fit in a few KiB; 64 KiB refuses a caller dumping a whole record set.
inline constexpr size_t kMaxAuditDetailBytes = size_t{64} << 10;

}  // namespace jz

#endif  // JZ_CORE_LIMITS_H_
