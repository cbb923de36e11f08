package dev.piedge.sidecar.chain;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class AppWalletConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(WalletConfiguration.class);

	@TempDir
	Path directory;

	private static String everything(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

	@Test
	void startsWithoutASeedWhilePayoutsAreOff(CapturedOutput output) {
		this.contextRunner.run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AppWallet.class).isConfigured()).isFalse();
		});
		assertThat(output).contains("No app wallet seed is configured, so payouts are off and nothing is signed");
	}

	@Test
	void stopsStartupWithoutASeedWhenPayoutsAreOn() {
		this.contextRunner.withPropertyValues("pi.payouts.enabled=true")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.payouts.enabled is true, but no wallet seed is configured: set PI_WALLET_SEED "
						+ "(pi.payouts.wallet.seed) or pi.payouts.wallet.seed-file to the app wallet's secret seed"));
	}

	@Test
	void opensTheSeedAndLogsOnlyItsAddress(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("pi.payouts.enabled=true", "pi.payouts.wallet.seed=" + TestWallets.APP_SEED)
			.run(context -> {
				assertThat(context.getBean(AppWallet.class).address()).isEqualTo(TestWallets.APP_ADDRESS);
				assertThat(context.getBean(WalletProperties.class).toString()).doesNotContain(TestWallets.APP_SEED);
			});
		assertThat(output).contains("App wallet " + TestWallets.APP_ADDRESS + " opened")
			.doesNotContain(TestWallets.APP_SEED);
	}

	@Test
	void readsTheSeedFromAFileIgnoringSurroundingWhitespace() throws IOException {
		Path file = Files.writeString(this.directory.resolve("seed"), "  " + TestWallets.APP_SEED + "\n");

		this.contextRunner.withPropertyValues("pi.payouts.wallet.seed-file=" + file)
			.run(context -> assertThat(context.getBean(AppWallet.class).address()).isEqualTo(TestWallets.APP_ADDRESS));
	}

	@Test
	void treatsBlankSettingsAsNoSeed() {
		this.contextRunner.withPropertyValues("pi.payouts.wallet.seed=", "pi.payouts.wallet.seed-file=")
			.run(context -> assertThat(context.getBean(AppWallet.class).isConfigured()).isFalse());
	}

	@Test
	void refusesASeedAndASeedFileTogether() throws IOException {
		Path file = Files.writeString(this.directory.resolve("seed"), TestWallets.OTHER_SEED);

		this.contextRunner
			.withPropertyValues("pi.payouts.wallet.seed=" + TestWallets.APP_SEED, "pi.payouts.wallet.seed-file=" + file)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Set pi.payouts.wallet.seed (PI_WALLET_SEED) or pi.payouts.wallet.seed-file, not both"));
	}

	@Test
	void aBadSeedStopsStartupNamingTheKeyButNeverQuotingTheSeed() {
		String badSeed = TestWallets.APP_SEED.substring(0, 55) + (TestWallets.APP_SEED.endsWith("A") ? "B" : "A");

		this.contextRunner.withPropertyValues("pi.payouts.wallet.seed=" + badSeed).run(context -> {
			assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.payouts.wallet.seed is not a valid Stellar secret seed (bad characters or checksum; "
						+ "the value is not shown)");
			assertThat(everything(context.getStartupFailure())).doesNotContain(badSeed);
		});
	}

	@Test
	void theStartupFailureReportNamesTheKeyButNeverQuotesTheSeed(CapturedOutput output) {
		String badSeed = TestWallets.APP_SEED.substring(0, 55) + (TestWallets.APP_SEED.endsWith("A") ? "B" : "A");
		SpringApplicationBuilder application = new SpringApplicationBuilder(WalletConfiguration.class)
			.web(WebApplicationType.NONE);

		// Arguments, since the sidecar's application.yml (on this class path) sets the
		// key.
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> application.run("--spring.config.import=", "--pi.payouts.wallet.seed=" + badSeed));

		assertThat(output).contains("Application run failed")
			.contains("pi.payouts.wallet.seed is not a valid Stellar secret seed")
			.doesNotContain(badSeed);
	}

	@Test
	void aBadSeedFileStopsStartupNamingTheFileButNeverQuotingItsContent() throws IOException {
		Path missing = this.directory.resolve("missing");
		Path notText = Files.write(this.directory.resolve("binary"), new byte[] { 'S', (byte) 0xff, 'x' });
		Path address = Files.writeString(this.directory.resolve("address"), TestWallets.APP_ADDRESS,
				StandardCharsets.US_ASCII);

		this.contextRunner.withPropertyValues("pi.payouts.wallet.seed-file=" + missing)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.payouts.wallet.seed-file " + missing + " cannot be read (NoSuchFileException)"));
		this.contextRunner.withPropertyValues("pi.payouts.wallet.seed-file=" + notText)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("pi.payouts.wallet.seed-file " + notText
						+ " must hold the seed as plain ASCII text (the content is not shown)"));
		this.contextRunner.withPropertyValues("pi.payouts.wallet.seed-file=" + address).run(context -> {
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("pi.payouts.wallet.seed-file " + address + " holds an account address");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WalletProperties.class)
	@Import(AppWalletConfiguration.class)
	static class WalletConfiguration {

	}

}
