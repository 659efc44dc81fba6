//! Multi-line stack traces, one per language; each is logged as a single event.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;

pub fn node(rng: &mut StdRng, cidr: &str) -> String {
    let ip = format!(
        "{cidr}.{}.{}",
        rng.random_range(10..13),
        rng.random_range(4..250)
    );
    let traces = [
        format!(
            "Error: connect ETIMEDOUT {ip}:8080\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)\n    at TCPConnectWrap.callbackTrampoline (node:internal/async_hooks:130:17) {{\n  errno: -110,\n  code: 'ETIMEDOUT',\n  syscall: 'connect',\n  address: '{ip}',\n  port: 8080\n}}"
        ),
        "TypeError: Cannot read properties of undefined (reading 'hits')\n    at SearchResults (/app/.next/server/app/search/page.js:1:48213)\n    at renderWithHooks (/app/node_modules/react-dom/cjs/react-dom-server.node.production.min.js:74:214)\n    at renderIndeterminateComponent (/app/node_modules/react-dom/cjs/react-dom-server.node.production.min.js:80:353)\n    at renderElement (/app/node_modules/react-dom/cjs/react-dom-server.node.production.min.js:85:42)\n    at async Promise.all (index 0)".to_string(),
        "FetchError: request to http://omni-ai.omni-acme.local:8000/v1/summarize failed, reason: socket hang up\n    at ClientRequest.<anonymous> (/app/node_modules/node-fetch/lib/index.js:1505:11)\n    at ClientRequest.emit (node:events:519:28)\n    at Socket.socketOnEnd (node:_http_client:524:9)\n    at Socket.emit (node:events:531:35)\n    at endReadableNT (node:internal/streams/readable:1696:12)\n    at process.processTicksAndRejections (node:internal/process/task_queues:82:21)".to_string(),
        "Error: Redis connection to omni-acme-redis.x7kq2d.ng.0001.use1.cache.amazonaws.com:6379 failed - read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)\n    at TCP.callbackTrampoline (node:internal/async_hooks:130:17)".to_string(),
    ];
    traces.choose(rng).cloned().unwrap_or_default()
}

pub fn java(rng: &mut StdRng, package: &str) -> String {
    let frames_omitted = rng.random_range(38..64);
    let traces = [
        format!(
            "org.springframework.web.client.ResourceAccessException: I/O error on POST request for \"http://search.internal:9200/documents/_search\": Read timed out\n\tat org.springframework.web.client.RestTemplate.createResourceAccessException(RestTemplate.java:915)\n\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:895)\n\tat org.springframework.web.client.RestTemplate.execute(RestTemplate.java:790)\n\tat {package}.SearchClient.query(SearchClient.java:118)\n\tat {package}.QueryService.search(QueryService.java:64)\n\tat {package}.QueryController.search(QueryController.java:41)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)\n\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n\t... {frames_omitted} common frames omitted"
        ),
        format!(
            "org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection\n\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)\n\tat {package}.RecordRepository.findByPatientId(RecordRepository.java)\n\tat {package}.RecordService.load(RecordService.java:87)\nCaused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=20, active=20, idle=0, waiting=37)\n\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)\n\t... {frames_omitted} common frames omitted"
        ),
        format!(
            "org.postgresql.util.PSQLException: ERROR: canceling statement due to statement timeout\n\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)\n\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2412)\n\tat org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)\n\tat {package}.AuditQueries.recent(AuditQueries.java:52)\n\t... {frames_omitted} more"
        ),
        format!(
            "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"query\" is null\n\tat {package}.QueryParser.normalize(QueryParser.java:33)\n\tat {package}.QueryController.search(QueryController.java:39)\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)\n\t... {frames_omitted} more"
        ),
    ];
    traces.choose(rng).cloned().unwrap_or_default()
}

pub fn python(rng: &mut StdRng, module: &str) -> String {
    let line = rng.random_range(60..240);
    let traces = [
        format!(
            "Traceback (most recent call last):\n  File \"/app/{module}/pipeline.py\", line {line}, in process_batch\n    resp = self.client.bulk(body=actions, timeout=30)\n  File \"/usr/local/lib/python3.12/site-packages/opensearchpy/client/utils.py\", line 176, in _wrapped\n    return func(*args, params=params, headers=headers, **kwargs)\n  File \"/usr/local/lib/python3.12/site-packages/opensearchpy/transport.py\", line 457, in perform_request\n    raise e\nopensearchpy.exceptions.ConnectionTimeout: ConnectionTimeout caused by - ReadTimeoutError(HTTPConnectionPool(host='search.internal', port=9200): Read timed out. (read timeout=30))"
        ),
        format!(
            "Traceback (most recent call last):\n  File \"/app/{module}/db.py\", line {line}, in fetch\n    return await conn.fetch(query, *args)\n  File \"/usr/local/lib/python3.12/site-packages/asyncpg/pool.py\", line 1024, in __aenter__\n    self.connection = await self.pool._acquire(self.timeout)\n  File \"/usr/local/lib/python3.12/site-packages/asyncpg/connect_utils.py\", line 1102, in _connect\n    raise last_error\nasyncpg.exceptions.TooManyConnectionsError: sorry, too many clients already"
        ),
        format!(
            "Traceback (most recent call last):\n  File \"/app/{module}/cache.py\", line {line}, in get_or_compute\n    cached = self.redis.get(key)\n  File \"/usr/local/lib/python3.12/site-packages/redis/commands/core.py\", line 1829, in get\n    return self.execute_command(\"GET\", name, keys=[name])\n  File \"/usr/local/lib/python3.12/site-packages/redis/connection.py\", line 353, in connect\n    raise ConnectionError(self._error_message(e))\nredis.exceptions.ConnectionError: Error 110 connecting to omni-acme-redis.x7kq2d.ng.0001.use1.cache.amazonaws.com:6379. Connection timed out."
        ),
        format!(
            "Traceback (most recent call last):\n  File \"/app/{module}/handlers.py\", line {line}, in handle\n    payload = json.loads(message.body)\n  File \"/usr/local/lib/python3.12/json/__init__.py\", line 346, in loads\n    return _default_decoder.decode(s)\n  File \"/usr/local/lib/python3.12/json/decoder.py\", line 355, in raw_decode\n    raise JSONDecodeError(\"Expecting value\", s, err.value) from None\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
        ),
    ];
    traces.choose(rng).cloned().unwrap_or_default()
}
