package dev.piedge.sidecar.chain;

/**
 * Key pairs made for these tests with stellar-sdk's {@code KeyPair.random()}; no account
 * on any network holds them.
 */
final class TestWallets {

	static final String APP_SEED = "SC7MVAUXEEXRRECI34A4SBW2IXZRUTQ54OWXDAHTHR5FY3POBMJZZ35E";

	static final String APP_ADDRESS = "GB24VG44VBWSF6R666Z6FS6W5SIMCGNV6QAKQ2QBDL4XZJFFJ7W5MKWD";

	static final String OTHER_SEED = "SBIJDIVHZQQFPUSQB7ZECPD7FWYWSTSX4KKIIAZW5ZPOLEQWOGRYDXOT";

	static final String OTHER_ADDRESS = "GB533W4TYSKMK5INSWHEL7ANXCAJUALQYHIBJXG52EXB73FPKWRWAURR";

	static final String RECIPIENT_ADDRESS = "GDWMSYNZAAAOL45EFWITWITDOH4YHMBBFU6HVBYBTXGGVR7FGVJRVWKZ";

	private TestWallets() {
	}

	static AppWallet appWallet() {
		return AppWallet.fromSeed(APP_SEED.toCharArray(), "test");
	}

}
