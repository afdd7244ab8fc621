package org.redvest.terminal.screen;

/**
 * The face check-in consent shown in full on the manager's enrolment form before any capture
 * (docs/face.md, "Enrolment and privacy"). Its version is what the consent record carries; change
 * the version whenever the text changes.
 */
final class FaceConsentText {
  static final String VERSION = "face-consent-2026-01";

  static final String ZH = """
      刷脸签到知情同意书（%s）
      1. 刷脸签到完全自愿。不同意不影响您参加志愿服务：您随时可以使用二维码志愿者卡或签名凭证签到。
      2. 同意后，本签到终端会拍摄您的 5 张面部照片，计算出面部特征模板。照片本身不保存。
      3. 特征模板加密后只保存在本站点的签到终端上，不会通过网络发送给服务中心或任何第三方。服务中心只收到"已登记/已撤回"的记录和本同意书的编号与版本。
      4. 模板只用于在本站点识别您并记录签到、签退时间。
      5. 您可以随时请站长撤回同意，终端会立即永久删除您的模板。
      6. 站长代您确认同意时，会记录站长编号和时间。""".formatted(VERSION);

  static final String EN = """
      Face check-in consent (%s)
      1. Face check-in is entirely optional. Saying no does not affect your volunteering: your QR badge or signed credential always works.
      2. If you agree, this kiosk takes 5 pictures of your face and computes a face template from them. The pictures themselves are not kept.
      3. The template is stored encrypted on this station's kiosk only and is never sent over the network to the hub or anyone else. The hub only receives an enrolled/withdrawn record with this consent's id and version.
      4. The template is used only to recognise you at this station and record your check-in and check-out times.
      5. You can withdraw at any time by asking the station manager; the kiosk deletes your template for good at once.
      6. The station manager who records your consent is recorded with it, with the time.""".formatted(VERSION);

  private FaceConsentText() {}
}
