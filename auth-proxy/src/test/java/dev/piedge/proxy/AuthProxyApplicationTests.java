package dev.piedge.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthProxyApplicationTests {

	private String before;

	@BeforeEach
	void rememberSetting() {
		this.before = System.getProperty(AuthProxyApplication.IO_WORKER_COUNT);
	}

	@AfterEach
	void restoreSetting() {
		if (this.before == null) {
			System.clearProperty(AuthProxyApplication.IO_WORKER_COUNT);
		}
		else {
			System.setProperty(AuthProxyApplication.IO_WORKER_COUNT, this.before);
		}
	}

	@Test
	void sizesEventLoopsToTheCpusTheJvmMayUse() {
		System.clearProperty(AuthProxyApplication.IO_WORKER_COUNT);

		AuthProxyApplication.sizeEventLoopsToCpus();

		assertThat(System.getProperty(AuthProxyApplication.IO_WORKER_COUNT))
			.isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void keepsAnEventLoopCountTheOperatorSet() {
		System.setProperty(AuthProxyApplication.IO_WORKER_COUNT, "7");

		AuthProxyApplication.sizeEventLoopsToCpus();

		assertThat(System.getProperty(AuthProxyApplication.IO_WORKER_COUNT)).isEqualTo("7");
	}

}
