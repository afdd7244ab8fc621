package org.redvest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser fixture itself: Debian's chromium renders a local page, Chinese included. */
class BrowserTest {

  @Test
  void rendersALocalPageAndSavesAScreenshot() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = "<!doctype html><meta charset=utf-8><h1 id=t>签到成功 张三 08:59</h1>"
        .getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    server.start();
    try (Browser browser = Browser.start(640, 360)) {
      browser.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      assertThat(browser.driver().findElement(By.id("t")).getText()).isEqualTo("签到成功 张三 08:59");
      Path shot = browser.screenshot("browser-fixture");
      assertThat(Files.size(shot)).isGreaterThan(1000);
    } finally {
      server.stop(0);
    }
  }
}
