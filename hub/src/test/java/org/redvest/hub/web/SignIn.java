package org.redvest.hub.web;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Signing in to the dashboard in a real browser, the one way every browser test does it. */
public final class SignIn {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private SignIn() {}

  /** Fills the sign-in form the browser shows and submits it (a refusal stays on the page). */
  public static void submit(WebDriver driver, String username, String password) {
    driver.findElement(By.id("username")).clear();
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("sign-in")).click();
  }

  /** Opens the hub at {@code base}, signs in and waits until the hub has let the browser in. */
  public static void as(WebDriver driver, String base, String username, String password) {
    as(driver, base, LoginPage.HOME, username, password);
  }

  /** As above, landing on {@code next} (a path of the dashboard). */
  public static void as(WebDriver driver, String base, String next, String username, String password) {
    driver.manage().deleteCookieNamed(WebAuth.COOKIE);
    driver.get(base + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    submit(driver, username, password);
    await().atMost(WAIT).until(() -> driver.getCurrentUrl().equals(base + next));
  }
}
